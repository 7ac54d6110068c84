package dev.stamp.server;

import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.token.Role;
import dev.stamp.server.auth.ClientCertificates;
import dev.stamp.server.auth.ClientCertificates.Match;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Mutual TLS against the running server with real client certificates from a client CA (the test PKI's "other"
 * issuing CA): mapped certificates act with their rule's role and no token; token callers are unaffected.
 */
class MutualTlsTest {
    static TestServer s;
    @TempDir static Path tmp;

    @BeforeAll
    static void start() {
        s = new TestServer(1000, (server, context) -> context.withMutualTls(new MutualTls(
                List.of(x509(server.other)),
                new ClientCertificates(List.of(
                        new ClientCertificates.Rule(new Match.Subject(new X500Principal("CN=deployer, O=Example")), Role.ISSUER, List.of(server.issuing.id())),
                        new ClientCertificates.Rule(new Match.Dns("dashboard.example"), Role.AUDITOR, List.of()))))));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static X509Certificate x509(dev.stamp.core.ca.CertificateAuthority ca) {
        try {
            return ServerCertificates.x509(ca.certificate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpClient clientWith(TlsMaterial clientCert) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", clientCert.key(), new char[0], clientCert.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", s.tls.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static HttpResponse<String> send(HttpClient client, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.api(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Bouncy Castle reads a name string in DER order, RFC 4514 (the rules, openssl -nameopt RFC2253) most specific first. */
    static final String DEPLOYER_DER_ORDER = "O=Example,CN=deployer";

    @Test
    void certificateMappedByItsSubjectIssuesWithoutATokenAndIsAuditedByItsSubject() throws Exception {
        HttpClient deployer = clientWith(TestCertificates.client(s.testPki.pki, s.other.id(), DEPLOYER_DER_ORDER));
        var cas = send(deployer, "GET", "/cas", null, null);
        assertThat(cas.statusCode()).as(cas.body()).isEqualTo(200);
        assertThat(cas.body()).contains(s.issuing.id()).doesNotContain(s.other.id());

        var issued = send(deployer, "POST", "/cas/" + s.issuing.id() + "/certificates", null, s.issueBody("deployed.example"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String serial = TestServer.json(issued).get("serial").asText();
        List<AuditEntry> entries = s.testPki.stores.audit().entries();
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo("cert:CN=deployer,O=Example");
            assertThat(e.event().target() + " " + e.event().detail()).containsIgnoringCase(serial);
        });

        var elsewhere = send(deployer, "POST", "/cas/" + s.other.id() + "/certificates", null, s.issueBody("deployed.example"));
        assertThat(elsewhere.statusCode()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("cert:CN=deployer,O=Example (issuer)");
    }

    @Test
    void certificateMappedByItsDnsNameIsAnAuditor() throws Exception {
        HttpClient dashboard = clientWith(TestCertificates.client(s.testPki.pki, s.other.id(), "CN=Dashboards", "dashboard.example"));
        assertThat(send(dashboard, "GET", "/cas", null, null).statusCode()).isEqualTo(200);
        assertThat(send(dashboard, "POST", "/cas/" + s.issuing.id() + "/certificates", null, s.issueBody("x.example")).statusCode()).isEqualTo(403);
    }

    @Test
    void unmappedCertificateNeedsAToken() throws Exception {
        HttpClient stranger = clientWith(TestCertificates.client(s.testPki.pki, s.other.id(), "CN=stranger", "stranger.example"));
        var refused = send(stranger, "GET", "/cas", null, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("mapped client certificate");
        assertThat(s.testPki.stores.audit().entries().getLast().event().detail()).contains("CN=stranger", "maps to no role");
        assertThat(send(stranger, "GET", "/cas", s.auditor, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aRevokedClientCertificateIsRefusedOnItsNextRequest() throws Exception {
        TlsMaterial cert = TestCertificates.client(s.testPki.pki, s.other.id(), "CN=Dashboards", "dashboard.example");
        HttpClient dashboard = clientWith(cert);
        assertThat(send(dashboard, "GET", "/cas", null, null).statusCode()).isEqualTo(200);
        s.testPki.pki.revocations().revoke(s.other.id(), cert.chain().getFirst().getSerialNumber(),
                dev.stamp.core.revoke.RevocationReason.KEY_COMPROMISE, "test");
        var refused = send(dashboard, "GET", "/cas", null, null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(s.testPki.stores.audit().entries().getLast().event().detail()).contains("CN=Dashboards", "is revoked");
    }

    @Test
    void tokenCallersWithoutACertificateStillWork() {
        assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
        assertThat(s.get("/cas", null).statusCode()).isEqualTo(401);
    }

    @Test
    void certificateFromAnUntrustedCaIsNotAccepted() throws Exception {
        // "issuing" is not a client CA: the handshake refuses its certificate (or, at most, the server sees no caller)
        HttpClient impostor = clientWith(TestCertificates.client(s.testPki.pki, s.issuing.id(), DEPLOYER_DER_ORDER));
        int status;
        try {
            status = send(impostor, "GET", "/cas", null, null).statusCode();
        } catch (java.io.IOException e) {
            status = -1; // handshake failure
        }
        assertThat(status).isIn(-1, 401);
    }

    @Test
    void curlWithAClientCertificateIsMapped() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).exists();
        TlsMaterial deployer = TestCertificates.client(s.testPki.pki, s.other.id(), DEPLOYER_DER_ORDER);
        Path cert = tmp.resolve("client.pem");
        Path key = tmp.resolve("client.key");
        Path ca = tmp.resolve("server-root.pem");
        StringBuilder chain = new StringBuilder();
        for (X509Certificate c : deployer.chain()) chain.append(dev.stamp.core.crypto.Pem.encode("CERTIFICATE", c.getEncoded()));
        Files.writeString(cert, chain);
        Files.writeString(key, dev.stamp.core.crypto.Pem.encode("PRIVATE KEY", deployer.key().getEncoded()));
        Files.writeString(ca, dev.stamp.core.crypto.Pem.encode("CERTIFICATE", s.tls.root().getEncoded()));
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}",
                "--cacert", ca.toString(), "--cert", cert.toString(), "--key", key.toString(), s.api("/cas").toString()));
        assertThat(run(command)).isEqualTo("200");
        command.subList(command.indexOf("--cert"), command.indexOf("--cert") + 4).clear(); // no client certificate
        assertThat(run(command)).isEqualTo("401");
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes()).strip();
    }
}
