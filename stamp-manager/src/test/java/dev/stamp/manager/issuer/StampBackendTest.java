package dev.stamp.manager.issuer;

import dev.stamp.core.testing.Csrs;
import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.SecretKeySelector;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.stamp.manager.issuer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The Stamp issuer against a real server's native API. */
class StampBackendTest {
    static StampTestServer server;
    static IssuerBackends backends;
    static Path tokenFile;

    @BeforeAll
    static void start() throws Exception {
        server = new StampTestServer();
        backends = backends(fixed(server.now));
        tokenFile = server.dir.resolve("token");
        Files.writeString(tokenFile, server.issuerToken + "\n");
    }

    @AfterAll
    static void stop() {
        backends.close();
        server.close();
    }

    private static Issuer issuer(String caId, String tokenFile, SecretKeySelector tokenSecret) throws Exception {
        return Fixtures.issuer(IssuerKind.StampIssuer, "apps", "stamp",
                new IssuerConfig.Stamp(server.url(), caId, tokenFile, tokenSecret, server.tlsRootPem()));
    }

    private static SignOutcome sign(Issuer issuer, CertificateRequest request) {
        return backends.backend(issuer).sign(new SignRequest(request, issuer, Optional.empty(), new Secrets(), server.now));
    }

    @Test
    void anIssuerWithATokenFileIsVerifiedAfterReadingItsCa() throws Exception {
        Issuer issuer = issuer(server.issuing.id(), tokenFile.toString(), null);
        assertThat(backends.backend(issuer).check(issuer, new Secrets())).isEqualTo(IssuerCheck.ready("Verified", "Issuer verified"));
    }

    @Test
    void aTokenInASecretOfTheIssuersNamespaceWorksToo() throws Exception {
        Issuer issuer = issuer(server.issuing.id(), null, new SecretKeySelector("stamp-token", "token"));
        Secrets secrets = new Secrets().put("apps", "stamp-token", Map.of("token", server.issuerToken.getBytes(StandardCharsets.UTF_8)));
        assertThat(backends.backend(issuer).check(issuer, secrets).ready()).isTrue();
        assertThat(secrets.lookups).containsExactly("apps/stamp-token");
    }

    @Test
    void aWrongTokenLeavesTheIssuerNotReadyWithTheServersAnswer(@TempDir Path dir) throws Exception {
        Path wrong = dir.resolve("token");
        Files.writeString(wrong, "stamp_wrong");
        Issuer issuer = issuer(server.issuing.id(), wrong.toString(), null);
        IssuerCheck check = backends.backend(issuer).check(issuer, new Secrets());
        assertThat(check.ready()).isFalse();
        assertThat(check.reason()).isEqualTo("Error");
        assertThat(check.message()).contains("401");
    }

    @Test
    void aServerThatIsNotThereLeavesTheIssuerNotReadyAndARequestPending() throws Exception {
        Issuer issuer = Fixtures.issuer(IssuerKind.StampIssuer, "apps", "stamp",
                new IssuerConfig.Stamp("https://127.0.0.1:1", server.issuing.id(), tokenFile.toString(), null, server.tlsRootPem()));
        assertThat(backends.backend(issuer).check(issuer, new Secrets()).ready()).isFalse();
        SignOutcome outcome = sign(issuer, request("apps", "unreachable-1", csrPem(Csrs.p256(), "CN=x.example.net", "x.example.net"),
                Duration.ofHours(24), false));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Pending.class, p -> assertThat(p.message()).contains("https://127.0.0.1:1"));
    }

    @Test
    void issuesThroughTheNativeApiWithTheChainInTlsCrtAndTheRootInCaCrt(@TempDir Path dir) throws Exception {
        Issuer issuer = issuer(server.issuing.id(), tokenFile.toString(), null);
        CertificateRequest request = request("apps", "app-1", csrPem(Csrs.p256(), "CN=app.private.example.net", "app.private.example.net"),
                Duration.ofHours(2160), false, KeyUsage.SERVER_AUTH);

        SignOutcome outcome = sign(issuer, request);

        assertThat(outcome).isInstanceOf(SignOutcome.Issued.class);
        var issued = (SignOutcome.Issued) outcome;
        List<X509CertificateHolder> chain = certificates(issued.chainPem());
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(server.issuing.certificate());
        assertThat(issued.caPem()).isEqualTo(server.rootPem());
        X509CertificateHolder leaf = chain.getFirst();
        assertThat(leaf.getSubject().toString()).isEqualTo("CN=app.private.example.net");
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(server.now.plus(Duration.ofHours(2160)));
        // [server auth] maps to EndEntityServerAuthCertificate/V1
        assertThat(ExtendedKeyUsage.fromExtensions(leaf.getExtensions()).getUsages()).containsExactly(KeyPurposeId.id_kp_serverAuth);
        assertThat(opensslVerify(dir, issued.chainPem(), issued.caPem(), server.now.plusSeconds(60), "-purpose", "sslserver",
                "-verify_hostname", "app.private.example.net")).isEqualTo("0: leaf.pem: OK");
    }

    @Test
    void aRetriedRequestGetsTheSameCertificateAndAnotherRequestANewOne() throws Exception {
        Issuer issuer = issuer(server.issuing.id(), tokenFile.toString(), null);
        String csr = csrPem(Csrs.p256(), "CN=retry.example.net", "retry.example.net");
        var first = (SignOutcome.Issued) sign(issuer, request("apps", "retry-1", csr, Duration.ofHours(24), false));
        var again = (SignOutcome.Issued) sign(issuer, request("apps", "retry-1", csr, Duration.ofHours(24), false));
        var other = (SignOutcome.Issued) sign(issuer, request("apps", "retry-2", csr, Duration.ofHours(24), false));

        assertThat(again.chainPem()).isEqualTo(first.chainPem());
        assertThat(certificates(other.chainPem()).getFirst().getSerialNumber())
                .isNotEqualTo(certificates(first.chainPem()).getFirst().getSerialNumber());
    }

    @Test
    void aCsrTheServerRefusesFailsTheRequestWithTheProblemsDetail() throws Exception {
        Issuer issuer = issuer(server.issuing.id(), tokenFile.toString(), null);
        byte[] der = Pem.csr(csrPem(Csrs.p256(), "CN=bad.example.net", "bad.example.net").getBytes()).getEncoded();
        der[der.length - 5] ^= 0x01;
        SignOutcome outcome = sign(issuer, request("apps", "bad-1", Pem.encode("CERTIFICATE REQUEST", der), Duration.ofHours(24), false));

        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("malformed-csr");
            assertThat(f.message()).contains("signature");
        });
    }

    @Test
    void aCaTheTokenMayNotUseFailsTheRequest() throws Exception {
        Issuer issuer = issuer(server.root.id(), tokenFile.toString(), null);
        SignOutcome outcome = sign(issuer, request("apps", "forbidden-1", csrPem(Csrs.p256(), "CN=f.example.net", "f.example.net"),
                Duration.ofHours(24), false));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> assertThat(f.reason()).isEqualTo("forbidden"));
    }
}
