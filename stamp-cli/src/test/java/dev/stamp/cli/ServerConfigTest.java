package dev.stamp.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code stamp server --config FILE}: settings from YAML, flags over them, the operator's TLS files, readiness. */
class ServerConfigTest {
    @TempDir Path tmp;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(tmp.resolve("passphrase"), "correct horse battery staple for tests\n");
        config = tmp.resolve("stamp.yaml");
    }

    private ServerCommand.Running start(String yaml, String... flags) throws Exception {
        Files.writeString(config, yaml);
        ServerCommand command = new ServerCommand();
        String[] args = new String[flags.length + 2];
        args[0] = "--config";
        args[1] = config.toString();
        System.arraycopy(flags, 0, args, 2, flags.length);
        new CommandLine(command).parseArgs(args);
        return command.start(new PrintWriter(new StringWriter(), true));
    }

    private static final String BASE = "data: data\npassphrase-file: passphrase\nlisten: 127.0.0.1:0\nhttp-listen: 127.0.0.1:0\n";

    private static HttpClient trusting(X509Certificate root) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", root);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri, String token) throws Exception {
        var b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theConfigFileSetsTheDataDirectoryListenersAndRateAndFlagsOverrideIt() throws Exception {
        String yaml = BASE + "http-listen: 127.0.0.1:1\nlimits:\n  requests-per-second: 0.001\n  burst: 2\n";
        try (ServerCommand.Running running = start(yaml, "--http-listen", "127.0.0.1:0")) {
            assertThat(running.home().dir()).isEqualTo(tmp.resolve("data"));
            assertThat(running.server().httpPort()).isNotEqualTo(1);
            String admin = Files.readString(running.adminTokenFile()).strip();
            HttpClient client = trusting(running.tls().root());
            URI cas = URI.create("https://localhost:" + running.server().apiPort() + "/api/v1/cas");
            assertThat(get(client, cas, admin).statusCode()).isEqualTo(200);
            assertThat(get(client, cas, admin).statusCode()).isEqualTo(200);
            var limited = get(client, cas, admin);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void readinessFailsWhenTheDatabaseIsGone() throws Exception {
        ServerCommand.Running running = start(BASE);
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI readyz = URI.create("http://127.0.0.1:" + running.server().httpPort() + "/readyz");
            var ready = get(client, readyz, null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"database\":\"ok\"", "\"key\":\"ok\"");
            running.home().close(); // the connection pool is gone: the database is unreachable
            var unavailable = get(client, readyz, null);
            assertThat(unavailable.statusCode()).isEqualTo(503);
            assertThat(unavailable.body()).contains("\"database\":\"unreachable\"");
        } finally {
            running.server().close();
        }
    }

    @Test
    void operatorTlsFilesFromOpensslAreServedAndNoServerCertificateIsIssued() throws Exception {
        assumeThat(Path.of("/usr/bin/openssl")).exists();
        Path cert = tmp.resolve("tls/cert.pem");
        Path key = tmp.resolve("tls/key.pem");
        Path pass = tmp.resolve("tls/key.pass");
        Files.createDirectories(cert.getParent());
        Files.writeString(pass, "tls key passphrase\n");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                "-days", "2", "-passout", "file:" + pass).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        assertThat(Files.readString(key)).contains("ENCRYPTED PRIVATE KEY");
        X509Certificate file = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));

        String yaml = BASE + "tls:\n  cert: tls/cert.pem\n  key: tls/key.pem\n  key-passphrase-file: tls/key.pass\n";
        try (ServerCommand.Running running = start(yaml)) {
            assertThat(running.tls().chain()).containsExactly(file);
            String admin = Files.readString(running.adminTokenFile()).strip();
            var ok = get(trusting(file), URI.create("https://localhost:" + running.server().apiPort() + "/api/v1/cas"), admin);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(running.home().pki().stores().certificates().list(null, 100)).as("the CA certificates only, no API certificate")
                    .extracting(dev.stamp.core.store.CertificateRecord::template).isNotEmpty()
                    .doesNotContain("EndEntityServerAuthCertificate/V1");
        }
    }

    @Test
    void anUnknownKeyStopsTheServerBeforeItStartsNamingKeyAndFile() throws Exception {
        Files.writeString(config, BASE + "tls:\n  client_ca: ca.pem\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"server", "--config", config.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown key 'client_ca' under 'tls'", config.toString());
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void misconfigurationsAreRefusedWithTheirReason() throws Exception {
        assertThatThrownBy(() -> start(BASE + "tls:\n  cert: c.pem\n")).hasMessageContaining("--tls-cert and --tls-key go together");
        assertThatThrownBy(() -> start(BASE + "clients:\n  - {dns: a.example, role: auditor}\n"))
                .hasMessageContaining("need the client CA certificates");
        assertThatThrownBy(() -> start(BASE + "limits:\n  burst: 0\n")).hasMessageContaining("burst must be at least 1, not 0");
        assertThatThrownBy(() -> start(BASE + "limits:\n  requests-per-second: -1\n")).hasMessageContaining("requests-per-second must be positive, not -1");
        assertThatThrownBy(() -> start(BASE + "limits:\n  auth-refill: 0s\n")).hasMessageContaining("auth-refill must be positive");
        assertThatThrownBy(() -> start(BASE + "tls:\n  reload-check: 0s\n")).hasMessageContaining("reload-check must be positive");
        assertThatThrownBy(() -> start(BASE + "tls:\n  cert: missing.pem\n  key: missing.key\n")).hasMessageContaining(tmp.resolve("missing.pem").toString());
        assertThatThrownBy(() -> start(BASE + "database:\n  url: jdbc:postgresql://127.0.0.1:1/stamp\n  password-file: nope.pass\n"))
                .hasMessageContaining("cannot read the database password file " + tmp.resolve("nope.pass"));
    }
}
