package dev.stamp.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code stamp trust} end to end against throwaway stores: a sandboxed Debian system store (the real
 * update-ca-certificates), a Java truststore file and an NSS database (the real certutil). Never the real /etc,
 * JDK cacerts or ~/.pki.
 */
class TrustCliTest {
    @TempDir Path tmp;
    Cli cli = new Cli(null, null);
    Path sys;
    Path truststore;
    Path nssDb;
    @TempDir static Path shared;
    static Path data;
    static Path passphrase;
    static Path rootPem;

    /** One data directory for the class (stamp init is the slow part): its root, exported as PEM. */
    @org.junit.jupiter.api.BeforeAll
    static void init() throws Exception {
        data = shared.resolve("data");
        passphrase = Files.writeString(shared.resolve("passphrase"), "correct horse battery staple for tests\n");
        Cli stamp = new Cli(data, passphrase);
        assertThat(stamp.run("init", "--name", "Example").exit()).isZero();
        Cli.Result exported = stamp.run("ca", "export", stamp.run("ca", "list", "--json").out().replaceAll("(?s).*?\"id\" : \"([^\"]+)\".*", "$1"));
        assertThat(exported.exit()).as(exported.err()).isZero();
        List<String> pems = new ArrayList<>();
        Matcher m = Pattern.compile("(?s)-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----").matcher(exported.out());
        while (m.find()) pems.add(m.group());
        rootPem = Files.writeString(shared.resolve("root.pem"), pems.getLast() + "\n");
    }

    @BeforeEach
    void stores() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/update-ca-certificates")) && Files.isExecutable(Path.of("/usr/bin/certutil")),
                "Debian packages ca-certificates and libnss3-tools");
        sys = tmp.resolve("sys");
        Files.createDirectories(sys.resolve("etc/ssl/certs"));
        // one distribution root, as on every real system (update-ca-certificates rewrites no bundle without any)
        Path mozilla = Path.of("/usr/share/ca-certificates/mozilla");
        assumeTrue(Files.isDirectory(mozilla), "Debian package ca-certificates' roots");
        Path distribution;
        try (var roots = Files.list(mozilla)) {
            distribution = roots.sorted().findFirst().orElseThrow();
        }
        Files.copy(distribution, Files.createDirectories(sys.resolve("usr/share/ca-certificates/mozilla")).resolve(distribution.getFileName()));
        Files.writeString(sys.resolve("etc/ca-certificates.conf"), "mozilla/" + distribution.getFileName() + "\n");
        truststore = tmp.resolve("app-truststore.p12");
        nssDb = tmp.resolve("nssdb");
    }

    Path root() {
        return rootPem;
    }

    Cli.Result trust(String action, String... source) {
        List<String> args = new ArrayList<>(List.of("trust", action));
        args.addAll(List.of(source));
        args.addAll(List.of("--store", "system", "--store", "java", "--store", "nss", "--os", "linux", "--system-root", sys.toString(),
                "--truststore", truststore.toString(), "--nss-db", nssDb.toString()));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void installCheckInstallAgainUninstallCheck() throws Exception {
        String cert = root().toString();

        Cli.Result before = trust("check", "--cert", cert);
        assertThat(before.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(before.out()).contains("CN=Example Root CA").containsPattern("NOT trusted\\s+debian").containsPattern("absent\\s+java").containsPattern("absent\\s+nss");

        Cli.Result installed = trust("install", "--cert", cert);
        assertThat(installed.exit()).as(installed.out() + installed.err()).isZero();
        assertThat(installed.out()).containsPattern("added\\s+debian").containsPattern("added\\s+java").containsPattern("added\\s+nss");

        Cli.Result check = trust("check", "--cert", cert);
        assertThat(check.exit()).as(check.out()).isZero();
        assertThat(check.out()).doesNotContain("NOT trusted").containsPattern("trusted\\s+debian").containsPattern("trusted\\s+java").containsPattern("trusted\\s+nss");
        assertThat(Files.readString(sys.resolve("etc/ssl/certs/ca-certificates.crt"))).contains(Files.readString(root()).strip());

        Cli.Result again = trust("install", "--cert", cert);
        assertThat(again.exit()).isZero();
        assertThat(again.out()).containsPattern("unchanged\\s+debian").containsPattern("unchanged\\s+java").containsPattern("unchanged\\s+nss").doesNotContain("added");

        Cli.Result removed = trust("uninstall", "--cert", cert);
        assertThat(removed.exit()).as(removed.out() + removed.err()).isZero();
        assertThat(removed.out()).containsPattern("removed\\s+debian").containsPattern("removed\\s+java").containsPattern("removed\\s+nss");

        Cli.Result after = trust("check", "--cert", cert);
        assertThat(after.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(after.out()).containsPattern("NOT\\strusted\\s+debian").containsPattern("NOT\\strusted\\s+java").containsPattern("NOT\\strusted\\s+nss");
    }

    @Test
    void bootstrapFromAServerTrustsTheRootOnlyWithItsFingerprint() throws Exception {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--data", data.toString(), "--passphrase-file", passphrase.toString(),
                "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        StringWriter out = new StringWriter();
        try (ServerCommand.Running running = command.start(new PrintWriter(out, true))) {
            Matcher m = Pattern.compile("root SHA-256 fingerprint: ([0-9A-F:]+)").matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            String fingerprint = m.group(1);
            String api = "https://127.0.0.1:" + running.server().apiPort();
            String http = "http://127.0.0.1:" + running.server().httpPort();

            // The API listener's certificate is not trusted yet: the download goes ahead, the fingerprint decides.
            Cli.Result installed = trust("install", "--server", api, "--fingerprint", fingerprint.toLowerCase(java.util.Locale.ROOT));
            assertThat(installed.exit()).as(installed.out() + installed.err()).isZero();
            assertThat(installed.out()).contains("SHA-256 " + fingerprint).containsPattern("added\\s+nss");
            assertThat(trust("check", "--server", http, "--fingerprint", fingerprint.replace(":", "")).exit()).isZero();

            String unknown = "00".repeat(32);
            Cli.Result refused = trust("install", "--server", http, "--fingerprint", unknown);
            assertThat(refused.exit()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(refused.err()).contains("no root with fingerprint");

            Cli.Result noFingerprint = trust("install", "--server", http);
            assertThat(noFingerprint.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(noFingerprint.err()).contains("--server needs --fingerprint");
        }
    }

    @Test
    void aCertWhoseFingerprintDiffersTrustsNothing() throws Exception {
        String cert = root().toString();
        Cli.Result r = trust("install", "--cert", cert, "--fingerprint", "ab".repeat(32));
        assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("nothing trusted").contains("AB:AB:AB");
        assertThat(truststore).doesNotExist();
        assertThat(nssDb).doesNotExist();
    }

    @Test
    void onMacosAndWindowsTheCommandIsPrinted() throws Exception {
        String cert = root().toString();
        Cli.Result mac = cli.run("trust", "install", "--cert", cert, "--store", "system", "--os", "macos");
        assertThat(mac.exit()).isZero();
        assertThat(mac.out()).contains("run  macos").contains("sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain " + cert);
        Cli.Result win = cli.run("trust", "install", "--cert", cert, "--store", "system", "--os", "windows");
        assertThat(win.out()).contains("certutil -addstore -f ROOT " + cert);
    }
}
