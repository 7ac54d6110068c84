package dev.stamp.manager.trust;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Debian system store with the real update-ca-certificates, sandboxed by its options under a throwaway system
 * root (never the real /etc), and the real openssl verifying a leaf against the bundle it generates.
 */
class DebianStoreTest {
    @TempDir Path tmp;
    Path sys;
    TrustStore store;
    TestRoots root = TestRoots.root("Example Root CA");
    Path leaf;
    Path bundle;

    @BeforeEach
    void sandbox() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/update-ca-certificates")), "Debian package ca-certificates");
        sys = tmp.resolve("sys");
        // One distribution root already trusted, as on a real system, so the bundle always exists.
        Path other = Files.createDirectories(sys.resolve("usr/share/ca-certificates/other"));
        TestRoots.writePem(other.resolve("Other_Root.crt"), TestRoots.root("Other Root").certificate());
        Files.createDirectories(sys.resolve("etc/ssl/certs"));
        Files.writeString(sys.resolve("etc/ca-certificates.conf"), "other/Other_Root.crt\n");
        Files.createDirectories(sys.resolve("usr/local/share/ca-certificates"));
        TrustEnvironment env = new TrustEnvironment(tmp.resolve("home"), tmp.resolve("jdk"), sys, List.of(Path.of("/usr/sbin")));
        store = TrustStores.select(new TrustSelection(Os.LINUX, Set.of(StoreKind.SYSTEM), List.of(), null, null, null), env, new Processes()).getFirst();
        leaf = TestRoots.writePem(tmp.resolve("leaf.pem"), root.leaf("app.private.example.net"));
        bundle = sys.resolve("etc/ssl/certs/ca-certificates.crt");
        assertThat(Tools.run("/usr/sbin/update-ca-certificates", "--certsconf", sys.resolve("etc/ca-certificates.conf").toString(),
                "--certsdir", sys.resolve("usr/share/ca-certificates").toString(), "--localcertsdir", sys.resolve("usr/local/share/ca-certificates").toString(),
                "--etccertsdir", sys.resolve("etc/ssl/certs").toString(), "--hooksdir", sys.resolve("hooks").toString()).exit()).isZero();
    }

    boolean opensslVerifies() {
        return Tools.run("openssl", "verify", "-CAfile", bundle.toString(), leaf.toString()).ok();
    }

    @Test
    void installPutsTheRootInTheGeneratedBundleSoOpensslVerifiesALeafAndUninstallTakesItOut() throws Exception {
        TrustRoot trust = root.trustRoot();
        assertThat(store.name()).isEqualTo("debian " + bundle);
        assertThat(store.check(trust)).isInstanceOf(Status.NotTrusted.class);
        assertThat(opensslVerifies()).isFalse();

        Change added = store.install(trust);
        Path file = sys.resolve("usr/local/share/ca-certificates/stamp/Example_Root_CA-" + trust.fingerprint().shortHex() + ".crt");
        assertThat(added).isInstanceOf(Change.Added.class);
        assertThat(added.detail()).contains(file.toString());
        assertThat(Files.readString(file)).isEqualTo(trust.pem());
        assertThat(Files.isSymbolicLink(sys.resolve("etc/ssl/certs/" + trust.label() + ".pem"))).isTrue();
        assertThat(store.check(trust)).isInstanceOf(Status.Trusted.class);
        assertThat(opensslVerifies()).isTrue();

        String once = Files.readString(bundle);
        assertThat(store.install(trust)).isInstanceOf(Change.Unchanged.class);
        assertThat(Files.readString(bundle)).isEqualTo(once);
        assertThat(once.split("BEGIN CERTIFICATE", -1)).hasSize(3); // the distribution's root and ours, once

        Change removed = store.uninstall(trust);
        assertThat(removed).isInstanceOf(Change.Removed.class);
        assertThat(file).doesNotExist();
        assertThat(sys.resolve("etc/ssl/certs/" + trust.label() + ".pem")).doesNotExist();
        assertThat(store.check(trust)).isInstanceOf(Status.NotTrusted.class);
        assertThat(opensslVerifies()).isFalse();
        assertThat(Files.readString(bundle)).contains("BEGIN CERTIFICATE"); // the distribution's root stays
        assertThat(store.uninstall(trust)).isInstanceOf(Change.Unchanged.class);
    }

    @Test
    void uninstallLeavesAnotherRootInStampsDirectoryAndTheSameRootAddedByHand() throws Exception {
        TrustRoot trust = root.trustRoot();
        TestRoots second = TestRoots.root("Second Root");
        store.install(trust);
        store.install(second.trustRoot());
        // the administrator also put our root in by hand
        TestRoots.writePem(sys.resolve("usr/local/share/ca-certificates/by-hand.crt"), root.certificate());

        Change removed = store.uninstall(trust);

        assertThat(removed.detail()).contains("still in");
        assertThat(sys.resolve("usr/local/share/ca-certificates/by-hand.crt")).exists();
        assertThat(store.check(second.trustRoot())).isInstanceOf(Status.Trusted.class);
        assertThat(store.check(trust)).isInstanceOf(Status.Trusted.class);
    }

    @Test
    void aMachineWithoutTheProgramHasNoDebianStore() {
        TrustEnvironment bare = new TrustEnvironment(tmp.resolve("home"), tmp.resolve("jdk"), sys, List.of(tmp.resolve("empty")));
        TrustStore absent = TrustStores.select(new TrustSelection(Os.LINUX, Set.of(StoreKind.SYSTEM), List.of(), null, null, null), bare, new Processes()).getFirst();
        assertThat(absent.check(root.trustRoot())).isInstanceOf(Status.Absent.class);
        assertThat(absent.install(root.trustRoot())).isInstanceOf(Change.Absent.class);
        assertThat(sys.resolve("usr/local/share/ca-certificates/stamp")).doesNotExist();
    }

    @Test
    void onTheRealSystemDebianRunsPlainUpdateCaCertificatesOnTheRealPaths() {
        TrustEnvironment real = new TrustEnvironment(tmp.resolve("home"), tmp.resolve("jdk"), Path.of("/"), List.of());
        AnchorDirectoryStore store = TrustStores.debian(real, "/usr/sbin/update-ca-certificates", true, c -> { throw new AssertionError("nothing may run: " + c); });
        TrustRoot trust = root.trustRoot();

        assertThat(store.refreshCommand()).containsExactly("/usr/sbin/update-ca-certificates");
        assertThat(store.file(trust)).isEqualTo(Path.of("/usr/local/share/ca-certificates/stamp/" + trust.label() + ".crt"));
        assertThat(store.name()).isEqualTo("debian /etc/ssl/certs/ca-certificates.crt");
    }
}
