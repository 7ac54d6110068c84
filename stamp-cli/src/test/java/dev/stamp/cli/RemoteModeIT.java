package dev.stamp.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every remote command against a real {@code stamp server} (started in-process on free loopback ports over its
 * own data directory): the CLI has no data directory of its own here, only --server, --token-file and --ca-cert.
 */
class RemoteModeIT {
    private static final Pattern ISSUED = Pattern.compile("Issued ([0-9a-f]{32}) ");
    private static final Pattern CURSOR = Pattern.compile("more: --cursor (\\S+)");

    @TempDir Path tmp;
    ServerCommand.Running running;
    String server;
    Path adminToken;
    Path caCert;
    String issuingCa;

    @BeforeEach
    void startServer() throws Exception {
        Path data = tmp.resolve("server-data");
        Path passphrase = tmp.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery staple for tests\n");
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs("--data", data.toString(), "--passphrase-file", passphrase.toString(),
                "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0");
        running = command.start(new PrintWriter(new StringWriter(), true));
        server = "https://localhost:" + running.server().apiPort();
        adminToken = running.adminTokenFile();
        // what a user gets with 'stamp ca export ROOT' or from /ca/{id}.cer: the root the server's TLS certificate chains to
        caCert = tmp.resolve("root.pem");
        Files.writeString(caCert, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(running.tls().root().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Cli.Result cas = remote(adminToken, "ca", "list");
        assertThat(cas.exit()).as(cas.err()).isZero();
        issuingCa = cas.out().lines().filter(l -> l.contains("SUBORDINATE")).findFirst().orElseThrow().split("\\s+")[0];
    }

    @AfterEach
    void stopServer() {
        running.close();
    }

    /** The CLI in-process with remote options after the subcommand path (they are the leaf command's mixin). */
    Cli.Result remote(Path tokenFile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", server, "--token-file", tokenFile.toString(), "--ca-cert", caCert.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli.Result(exit, out.toString(), err.toString());
    }

    Cli.Result ok(Path tokenFile, String... args) {
        Cli.Result r = remote(tokenFile, args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out() + r.err()).isZero();
        return r;
    }

    String issue(String name) {
        Cli.Result r = ok(adminToken, "cert", "issue", "--ca", issuingCa.substring(0, 8), "--dns", name, "--out", tmp.resolve(name).toString());
        Matcher m = ISSUED.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    static List<String> serials(String table) {
        return table.lines().skip(1).map(l -> l.split("\\s+")[0]).toList();
    }

    @Test
    void issueListPageShowRevokeAndFetchTheCrlThroughTheServer() throws Exception {
        String alpha = issue("alpha.remote.test");
        String beta = issue("beta.remote.test");
        String gamma = issue("gamma.remote.test");
        // the key was made here and never sent: tls.key exists only on this side
        assertThat(tmp.resolve("alpha.remote.test").resolve("tls.key")).exists();
        assertThat(Files.readString(tmp.resolve("alpha.remote.test").resolve("ca.crt"))).contains("BEGIN CERTIFICATE");

        Cli.Result first = ok(adminToken, "cert", "list", "--name", "REMOTE.test", "--limit", "2");
        Matcher more = CURSOR.matcher(first.err());
        assertThat(more.find()).as(first.err()).isTrue();
        Cli.Result second = ok(adminToken, "cert", "list", "--name", "remote.test", "--limit", "2", "--cursor", more.group(1));
        assertThat(second.err()).doesNotContain("more:");
        List<String> all = new ArrayList<>(serials(first.out()));
        all.addAll(serials(second.out()));
        assertThat(all).containsExactlyInAnyOrder(alpha, beta, gamma);
        assertThat(new HashSet<>(all)).hasSize(3);

        Cli.Result show = ok(adminToken, "cert", "show", beta);
        assertThat(show.out()).contains("CN=beta.remote.test", "DNS:beta.remote.test", issuingCa);
        assertThat(ok(adminToken, "cert", "show", beta, "--pem").out()).startsWith("-----BEGIN CERTIFICATE-----");

        Cli.Result revoked = ok(adminToken, "cert", "revoke", beta, "--reason", "keyCompromise");
        assertThat(revoked.out()).contains("Revoked " + beta, issuingCa, "KEY_COMPROMISE");
        Cli.Result again = remote(adminToken, "cert", "revoke", beta, "--reason", "keyCompromise");
        assertThat(again.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).startsWith("stamp: ").contains(beta.replaceFirst("^0+", ""));

        assertThat(serials(ok(adminToken, "cert", "list", "--status", "REVOKED").out())).containsExactly(beta);
        assertThat(serials(ok(adminToken, "cert", "list", "--ca", issuingCa, "--status", "ISSUED", "--name", "remote").out()))
                .containsExactlyInAnyOrder(alpha, gamma);
        assertThat(ok(adminToken, "cert", "list", "--name", "remote", "--json").out()).contains("\"status\" : \"REVOKED\"");

        Path crl = tmp.resolve("issuing.crl");
        Cli.Result got = ok(adminToken, "crl", "get", "--ca", issuingCa, "--out", crl.toString());
        assertThat(got.out()).contains("CRL number", "1 entries", issuingCa);
        Process openssl = new ProcessBuilder("openssl", "crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text")
                .redirectErrorStream(true).start();
        String text = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(text).isZero();
        assertThat(text.toLowerCase()).contains(beta.replaceFirst("^0+", "")).contains("key compromise").doesNotContain(alpha.replaceFirst("^0+", ""));
    }

    @Test
    void tokenCreatedRemotelyWorksUntilRevokedThenIsRefusedWith401() throws Exception {
        Cli.Result created = ok(adminToken, "token", "create", "--role", "auditor", "--name", "remote-ci", "--expires", "1d");
        Path auditorToken = tmp.resolve("auditor.token");
        Files.writeString(auditorToken, created.out().strip());
        String id = created.err().replaceAll("(?s).*token (tok_[0-9a-f]+).*", "$1");

        assertThat(ok(auditorToken, "ca", "list").out()).contains(issuingCa);
        Cli.Result forbidden = remote(auditorToken, "token", "create", "--role", "admin");
        assertThat(forbidden.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(forbidden.err()).contains("may not POST /api/v1/tokens");

        assertThat(ok(adminToken, "token", "list").out()).contains(id, "remote-ci", "valid", "expires ").doesNotContain(created.out().strip());
        assertThat(ok(adminToken, "token", "revoke", id).out()).contains("revoked " + id);
        Cli.Result refused = remote(auditorToken, "ca", "list");
        assertThat(refused.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(refused.err()).contains("a valid API token is needed");
        assertThat(ok(adminToken, "token", "list").out()).contains("revoked");

        Cli.Result verify = ok(adminToken, "audit", "verify");
        assertThat(verify.out()).contains("audit chain intact");
        assertThat(ok(adminToken, "audit", "list").out()).contains("token.create", "token.revoke", "auth.failed");
    }

    @Test
    void caCommandsGoThroughTheServerToo() throws Exception {
        Cli.Result created = ok(adminToken, "ca", "create", "--type", "SUBORDINATE", "--subject", "CN=Remote Sub,O=Stamp Tests",
                "--parent", rootId(), "--validity", "1y");
        String sub = created.out().strip();
        assertThat(ok(adminToken, "ca", "show", sub).out()).contains("CN=Remote Sub", "ACTIVE", "sha256Fingerprint");
        assertThat(ok(adminToken, "ca", "export", sub, "--chain").out()).contains("-----BEGIN CERTIFICATE-----");
        assertThat(ok(adminToken, "ca", "update", sub, "--crl", "on", "--crl-days", "3").out()).contains(sub + " crl=on crl-days=3");
        assertThat(ok(adminToken, "ca", "disable", sub).out()).contains(sub + " DISABLED");
        assertThat(ok(adminToken, "ca", "delete", sub, "--days", "7").out()).contains(sub + " DELETED, restorable until");
        assertThat(ok(adminToken, "ca", "restore", sub).out()).contains(sub + " DISABLED");
        assertThat(ok(adminToken, "ca", "enable", sub).out()).contains(sub + " ACTIVE");

        String external = ok(adminToken, "ca", "create", "--type", "SUBORDINATE", "--subject", "CN=Remote External", "--external").out().strip();
        assertThat(ok(adminToken, "ca", "csr", external).out()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");

        Cli.Result unknown = remote(adminToken, "ca", "show", "no-such-ca");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).startsWith("stamp: ").contains("no-such-ca");
    }

    @Test
    void untrustedServerCertificateAndMissingTokenAreClearUsageErrors() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"ca", "list", "--server", server, "--token-file", adminToken.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot reach the server at " + server, "--ca-cert");

        Path empty = tmp.resolve("empty.token");
        Files.writeString(empty, "\n");
        Cli.Result noToken = remote(empty, "ca", "list");
        assertThat(noToken.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(noToken.err()).contains("remote mode needs an API token");
    }

    private String rootId() {
        return ok(adminToken, "ca", "list").out().lines().filter(l -> l.contains(" ROOT ")).findFirst().orElseThrow().split("\\s+")[0];
    }
}
