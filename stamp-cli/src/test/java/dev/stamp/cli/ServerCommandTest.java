package dev.stamp.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stamp server} over a real data directory, and {@code stamp token} beside it. */
class ServerCommandTest {
    @TempDir Path tmp;
    Path data;
    Path passphrase;
    Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        data = tmp.resolve("data");
        passphrase = tmp.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery staple for tests\n");
        cli = new Cli(data, passphrase);
    }

    private ServerCommand.Running start() {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--data", data.toString(), "--passphrase-file", passphrase.toString(),
                "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        StringWriter out = new StringWriter();
        ServerCommand.Running running = command.start(new PrintWriter(out, true));
        assertThat(out.toString()).contains("Stamp server running", "API:   https://127.0.0.1:", "root SHA-256 fingerprint:", "admin token: ");
        return running;
    }

    private static HttpClient client(ServerCommand.Running running) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", running.tls().root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    private static int get(HttpClient client, ServerCommand.Running running, String path, String token) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("https://localhost:" + running.server().apiPort() + "/api/v1" + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void firstStartInitialisesWritesTheAdminTokenOwnerOnlyAndServes() throws Exception {
        try (ServerCommand.Running running = start()) {
            Path tokenFile = running.adminTokenFile();
            assertThat(Files.getPosixFilePermissions(tokenFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String admin = Files.readString(tokenFile).strip();
            assertThat(admin).startsWith("stamp_").hasSize(6 + 43);
            HttpClient client = client(running);
            assertThat(get(client, running, "/cas", admin)).isEqualTo(200);
            assertThat(get(client, running, "/cas", null)).isEqualTo(401);

            Cli.Result created = cli.run("token", "create", "--role", "auditor", "--name", "dashboards");
            assertThat(created.exit()).as(created.err()).isZero();
            String auditor = created.out().strip();
            assertThat(get(client, running, "/cas", auditor)).isEqualTo(200);

            Cli.Result list = cli.run("token", "list");
            assertThat(list.out()).contains("auditor", "dashboards", "admin", "first admin").doesNotContain(auditor).doesNotContain(admin);
            String id = list.out().lines().filter(l -> l.contains("dashboards")).findFirst().orElseThrow().split("\\s+")[0];
            assertThat(cli.run("token", "revoke", id).exit()).isZero();
            assertThat(get(client, running, "/cas", auditor)).isEqualTo(401);
            assertThat(cli.run("token", "revoke", id).exit()).isNotZero();

            // only hashes are stored: no secret appears in any database file
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : files.filter(p -> p.getFileName().toString().startsWith("stamp.db")).toList()) {
                    String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(bytes).as(f.toString()).doesNotContain(admin).doesNotContain(auditor);
                }
            }
        }
        // a second start keeps the data directory and the first token, and writes no new one
        String before = Files.readString(data.resolve("admin.token"));
        try (ServerCommand.Running again = start()) {
            assertThat(Files.readString(again.adminTokenFile())).isEqualTo(before);
        }
    }

    @Test
    void issuerTokenNamesItsCa() {
        assertThat(cli.run("init").exit()).isZero();
        Cli.Result noCa = cli.run("token", "create", "--role", "issuer");
        assertThat(noCa.exit()).isNotZero();
        assertThat(noCa.err()).contains("needs at least one CA");
        String caId = cli.run("ca", "list").out().lines().filter(l -> l.contains("Issuing")).findFirst().orElseThrow().split("\\s+")[0];
        Cli.Result ok = cli.run("token", "create", "--role", "issuer", "--ca", caId.substring(0, 8));
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(cli.run("token", "list").out()).contains("issuer").contains(caId);
    }

    @Test
    void localTokenCreateTakesAnExpiryAndRefusesABadOne() {
        assertThat(cli.run("init").exit()).isZero();
        Cli.Result ok = cli.run("token", "create", "--role", "auditor", "--name", "quarterly", "--expires", "90d");
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(cli.run("token", "list").out().lines().filter(l -> l.contains("quarterly")).findFirst().orElseThrow())
                .contains("valid", "expires 20");
        Cli.Result bad = cli.run("token", "create", "--role", "auditor", "--expires", "soon");
        assertThat(bad.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(bad.err()).contains("--expires 'soon' is not a duration");
    }
}
