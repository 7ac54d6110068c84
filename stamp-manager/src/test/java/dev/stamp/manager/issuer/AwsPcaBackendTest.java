package dev.stamp.manager.issuer;

import dev.stamp.core.testing.Csrs;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.stamp.manager.issuer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** aws-privateca-issuer's behaviour against a real Stamp server's AWS-compatible API and STS. */
class AwsPcaBackendTest {
    static StampTestServer server;
    static IssuerBackends backends;
    static Secrets secrets;

    @BeforeAll
    static void start() throws Exception {
        server = new StampTestServer();
        // as the issuer's environment would say: AWS_ENDPOINT_URL for both services, AWS_CA_BUNDLE, no AWS_REGION
        backends = backends(fixed(server.now), new AwsPcaSettings(null, null, server.url(), null, server.tlsRootPem()));
        secrets = new Secrets().put(CLUSTER_NAMESPACE, "aws-credentials", Map.of(
                "AWS_ACCESS_KEY_ID", server.issuerKey.key().id().getBytes(StandardCharsets.UTF_8),
                "AWS_SECRET_ACCESS_KEY", server.issuerKey.secretAccessKey().getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        backends.close();
        server.close();
    }

    private static Issuer clusterIssuer(String arn, String region, String defaultTemplate) {
        return issuer(IssuerKind.AWSPCAClusterIssuer, "", "pca", new IssuerConfig.AwsPca(arn, region,
                new IssuerConfig.AwsCredentialsRef("aws-credentials", null, null, null), null, defaultTemplate));
    }

    private static SignOutcome sign(Issuer issuer, CertificateRequest request) {
        return backends.backend(issuer).sign(new SignRequest(request, issuer, Optional.empty(), secrets, server.now));
    }

    @Test
    void theIssuerIsVerifiedOnceStsGetCallerIdentityAnswersWithKeysFromTheClusterResourceNamespace() {
        Issuer issuer = clusterIssuer(server.caArn(server.issuing.id()), StampTestServer.REGION, null);
        Secrets lookups = new Secrets();
        lookups.byKey.putAll(secrets.byKey);
        assertThat(backends.backend(issuer).check(issuer, lookups)).isEqualTo(IssuerCheck.ready("Verified", "Issuer verified"));
        assertThat(lookups.lookups).containsExactly(CLUSTER_NAMESPACE + "/aws-credentials");
    }

    @Test
    void aWrongSecretKeyLeavesTheIssuerNotReadyWithStsError() {
        Issuer issuer = issuer(IssuerKind.AWSPCAClusterIssuer, "", "pca", new IssuerConfig.AwsPca(server.caArn(server.issuing.id()),
                StampTestServer.REGION, new IssuerConfig.AwsCredentialsRef("aws-credentials", null, null,
                new SecretKeySelector(null, "wrong-secret")), null, null));
        Secrets wrong = new Secrets().put(CLUSTER_NAMESPACE, "aws-credentials", Map.of(
                "AWS_ACCESS_KEY_ID", server.issuerKey.key().id().getBytes(StandardCharsets.UTF_8),
                "wrong-secret", "x".repeat(40).getBytes(StandardCharsets.UTF_8)));
        IssuerCheck check = backends.backend(issuer).check(issuer, wrong);
        assertThat(check.ready()).isFalse();
        assertThat(check.reason()).isEqualTo("Error");
        assertThat(check.message()).contains("SignatureDoesNotMatch");
    }

    @Test
    void withoutARegionInTheSpecOrTheEnvironmentTheIssuerFailsValidation() {
        Issuer issuer = clusterIssuer(server.caArn(server.issuing.id()), null, null);
        assertThat(backends.backend(issuer).check(issuer, secrets))
                .isEqualTo(IssuerCheck.notReady("Validation", "no Region found in Issuer Spec"));
        try (IssuerBackends withEnvironmentRegion = backends(fixed(server.now),
                new AwsPcaSettings(null, null, server.url(), StampTestServer.REGION, server.tlsRootPem()))) {
            assertThat(withEnvironmentRegion.backend(issuer).check(issuer, secrets).ready()).isTrue();
        }
    }

    @Test
    void issuesWithTlsCrtAsCertificatePlusChainWithoutItsLastAndCaCrtAsTheLast(@TempDir Path dir) throws Exception {
        Issuer issuer = clusterIssuer(server.caArn(server.issuing.id()), StampTestServer.REGION, null);
        CertificateRequest request = request("apps", "app-1", csrPem(Csrs.p256(), "CN=app.private.example.net", "app.private.example.net"),
                Duration.ofHours(2160), false, KeyUsage.SERVER_AUTH, KeyUsage.CLIENT_AUTH);

        SignOutcome outcome = sign(issuer, request);

        assertThat(outcome).isInstanceOf(SignOutcome.Issued.class);
        var issued = (SignOutcome.Issued) outcome;
        List<X509CertificateHolder> chain = certificates(issued.chainPem());
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(server.issuing.certificate());
        assertThat(issued.caPem()).isEqualTo(server.rootPem());
        X509CertificateHolder leaf = chain.getFirst();
        // ABSOLUTE validity: now + duration
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(server.now.plus(Duration.ofHours(2160)));
        // {server auth, client auth} maps to EndEntityCertificate/V1
        assertThat(ExtendedKeyUsage.fromExtensions(leaf.getExtensions()).getUsages())
                .containsExactlyInAnyOrder(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        // the CA's own signing algorithm, as DescribeCertificateAuthority tells it
        assertThat(leaf.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
        assertThat(opensslVerify(dir, issued.chainPem(), issued.caPem(), server.now.plusSeconds(60), "-purpose", "sslserver",
                "-verify_hostname", "app.private.example.net")).isEqualTo("0: leaf.pem: OK");
    }

    @Test
    void theDefaultTemplateNameOverridesTheUsageMapping() {
        Issuer issuer = clusterIssuer(server.caArn(server.issuing.id()), StampTestServer.REGION, "EndEntityClientAuthCertificate/V1");
        var issued = (SignOutcome.Issued) sign(issuer, request("apps", "client-1",
                csrPem(Csrs.p256(), "CN=client.example.net", "client.example.net"), Duration.ofHours(24), false, KeyUsage.SERVER_AUTH));
        assertThat(ExtendedKeyUsage.fromExtensions(certificates(issued.chainPem()).getFirst().getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_clientAuth);
    }

    @Test
    void aRetriedRequestGetsTheSameCertificateThroughItsIdempotencyToken() {
        Issuer issuer = clusterIssuer(server.caArn(server.issuing.id()), StampTestServer.REGION, null);
        String csr = csrPem(Csrs.p256(), "CN=retry.example.net", "retry.example.net");
        var first = (SignOutcome.Issued) sign(issuer, request("apps", "retry-1", csr, Duration.ofHours(24), false));
        var again = (SignOutcome.Issued) sign(issuer, request("apps", "retry-1", csr, Duration.ofHours(24), false));
        var other = (SignOutcome.Issued) sign(issuer, request("apps", "retry-2", csr, Duration.ofHours(24), false));
        assertThat(again.chainPem()).isEqualTo(first.chainPem());
        assertThat(other.chainPem()).isNotEqualTo(first.chainPem());
    }

    @Test
    void anUnknownCaArnFailsTheRequestWithResourceNotFoundException() {
        Issuer issuer = issuer(IssuerKind.AWSPCAClusterIssuer, "", "pca", new IssuerConfig.AwsPca(
                server.caArn("00000000-0000-0000-0000-000000000000"), StampTestServer.REGION,
                new IssuerConfig.AwsCredentialsRef("admin-credentials", null, null, null), null, null));
        Secrets admin = new Secrets().put(CLUSTER_NAMESPACE, "admin-credentials", Map.of(
                "AWS_ACCESS_KEY_ID", server.adminKey.key().id().getBytes(StandardCharsets.UTF_8),
                "AWS_SECRET_ACCESS_KEY", server.adminKey.secretAccessKey().getBytes(StandardCharsets.UTF_8)));
        SignOutcome outcome = backends.backend(issuer).sign(new SignRequest(request("apps", "unknown-1",
                csrPem(Csrs.p256(), "CN=u.example.net", "u.example.net"), Duration.ofHours(24), false), issuer, Optional.empty(), admin, server.now));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("ResourceNotFoundException");
            assertThat(f.message()).contains("00000000-0000-0000-0000-000000000000");
        });
    }

    @Test
    void aCaTheAccessKeyMayNotUseFailsTheRequestWithAccessDenied() {
        Issuer issuer = clusterIssuer(server.caArn(server.root.id()), StampTestServer.REGION, null);
        SignOutcome outcome = sign(issuer, request("apps", "denied-1", csrPem(Csrs.p256(), "CN=d.example.net", "d.example.net"),
                Duration.ofHours(24), false));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> assertThat(f.reason()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void anEndpointThatIsNotThereLeavesTheRequestPending() {
        try (IssuerBackends unreachable = backends(fixed(server.now), new AwsPcaSettings("https://127.0.0.1:1", null, null, null, server.tlsRootPem()))) {
            Issuer issuer = clusterIssuer(server.caArn(server.issuing.id()), StampTestServer.REGION, null);
            SignOutcome outcome = unreachable.backend(issuer).sign(new SignRequest(request("apps", "io-1",
                    csrPem(Csrs.p256(), "CN=io.example.net", "io.example.net"), Duration.ofHours(24), false), issuer, Optional.empty(), secrets, server.now));
            assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Pending.class, p -> assertThat(p.message()).contains("127.0.0.1:1"));
        }
    }

    @Test
    void settingsComeFromTheEnvironmentWithServiceEndpointsBeforeTheGlobalOne() {
        AwsPcaSettings settings = AwsPcaSettings.fromEnvironment(Map.of("AWS_ENDPOINT_URL_ACM_PCA", "https://pca.test",
                "AWS_ENDPOINT_URL", "https://all.test", "AWS_REGION", "eu-west-3"));
        assertThat(settings.acmPca("eu-west-3")).hasToString("https://pca.test");
        assertThat(settings.sts("eu-west-3")).hasToString("https://all.test");
        assertThat(settings.regionFor(null)).isEqualTo("eu-west-3");
        assertThat(settings.regionFor("us-east-2")).isEqualTo("us-east-2");
        assertThat(AwsPcaSettings.NONE.acmPca("eu-west-3")).hasToString("https://acm-pca.eu-west-3.amazonaws.com");
        assertThat(AwsPcaSettings.NONE.sts("eu-west-3")).hasToString("https://sts.eu-west-3.amazonaws.com");
    }
}
