package dev.stamp.manager.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stores Stamp cannot exercise on this Debian machine: macOS and Windows (printed commands) and RHEL, whose
 * update-ca-trust is not installed here: its file placement and exact command line are checked, with a stand-in
 * for the program that concatenates the anchors into the bundle as update-ca-trust extract would.
 */
class ManualAndRhelStoreTest {
    @TempDir Path tmp;
    TestRoots root = TestRoots.root("Example Root CA");

    TrustEnvironment env(List<Path> path) {
        return new TrustEnvironment(tmp.resolve("home"), tmp.resolve("jdk"), tmp.resolve("sys"), path);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            MACOS   | install   | sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain /tmp/root.pem
            MACOS   | uninstall | sudo security delete-certificate -Z {sha1} /Library/Keychains/System.keychain
            MACOS   | check     | security verify-cert -c /tmp/root.pem -p ssl
            WINDOWS | install   | certutil -addstore -f ROOT /tmp/root.pem
            WINDOWS | uninstall | certutil -delstore ROOT {sha1}
            WINDOWS | check     | certutil -verifystore ROOT {sha1}
            """)
    void macosAndWindowsGetTheExactCommandInsteadOfAnAction(Os os, String action, String command) throws Exception {
        TrustStore store = TrustStores.select(new TrustSelection(os, Set.of(StoreKind.SYSTEM), List.of(), null, null, Path.of("/tmp/root.pem")),
                env(List.of()), c -> { throw new AssertionError("nothing may run: " + c); }).getFirst();
        TrustRoot trust = root.trustRoot();
        String sha1 = java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(trust.der()));
        String expected = command.replace("{sha1}", sha1);
        String detail = switch (action) {
            case "install" -> ((Change.Manual) store.install(trust)).detail();
            case "uninstall" -> ((Change.Manual) store.uninstall(trust)).detail();
            default -> ((Status.Manual) store.check(trust)).detail();
        };
        assertThat(detail).isEqualTo(expected);
    }

    @Test
    void rhelPlacesTheRootInTheAnchorsDirectoryAndRunsUpdateCaTrustExtract() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path program = Files.writeString(bin.resolve("update-ca-trust"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path anchors = tmp.resolve("sys/etc/pki/ca-trust/source/anchors");
        Path bundle = tmp.resolve("sys/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
        List<List<String>> ran = new ArrayList<>();
        Commands extract = command -> {
            ran.add(command);
            try {
                Files.createDirectories(bundle.getParent());
                StringBuilder all = new StringBuilder();
                if (Files.isDirectory(anchors)) try (var files = Files.list(anchors)) {
                    for (Path f : files.sorted().toList()) all.append(Files.readString(f));
                }
                Files.writeString(bundle, all);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return new Commands.Result(0, "");
        };
        TrustStore store = TrustStores.select(new TrustSelection(Os.LINUX, Set.of(StoreKind.SYSTEM), List.of(), null, null, null), env(List.of(bin)), extract).getFirst();
        TrustRoot trust = root.trustRoot();

        assertThat(store.name()).isEqualTo("rhel " + bundle);
        assertThat(store.install(trust)).isInstanceOf(Change.Added.class);
        assertThat(Files.readString(anchors.resolve("Example_Root_CA-" + trust.fingerprint().shortHex() + ".crt"))).isEqualTo(trust.pem());
        List<String> extractCommand = List.of(program.toString(), "extract", "--output", tmp.resolve("sys/etc/pki/ca-trust/extracted").toString());
        assertThat(ran).containsExactly(extractCommand);
        assertThat(store.check(trust)).isInstanceOf(Status.Trusted.class);
        assertThat(store.install(trust)).isInstanceOf(Change.Unchanged.class);
        assertThat(ran).hasSize(1);

        assertThat(store.uninstall(trust)).isInstanceOf(Change.Removed.class);
        assertThat(anchors).isEmptyDirectory(); // the anchors directory is the system's: it stays
        assertThat(ran).hasSize(2).last().isEqualTo(extractCommand);
        assertThat(store.check(trust)).isInstanceOf(Status.NotTrusted.class);
    }

    @Test
    void onTheRealSystemRhelRunsPlainUpdateCaTrustExtractOnTheRealPaths() {
        TrustEnvironment real = new TrustEnvironment(tmp.resolve("home"), tmp.resolve("jdk"), Path.of("/"), List.of());
        AnchorDirectoryStore store = TrustStores.rhel(real, "/usr/bin/update-ca-trust", c -> { throw new AssertionError("nothing may run: " + c); });
        TrustRoot trust = root.trustRoot();

        assertThat(store.refreshCommand()).containsExactly("/usr/bin/update-ca-trust", "extract");
        assertThat(store.file(trust)).isEqualTo(Path.of("/etc/pki/ca-trust/source/anchors/" + trust.label() + ".crt"));
        assertThat(store.name()).isEqualTo("rhel /etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
    }
}
