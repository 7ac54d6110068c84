package dev.stamp.manager.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.stamp.core.testing.Csrs;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.stamp.manager.issuer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact requests the AWSPCA back-end makes, recorded by a loopback endpoint that answers each operation as
 * scripted (the real server's answers are covered by AwsPcaBackendTest): which operations, in which order, with
 * which fields, and how error answers map to outcomes.
 */
class AwsPcaRequestsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    static final String ARN = "arn:aws:acm-pca:eu-west-3:123456789012:certificate-authority/ca-1";

    HttpServer endpoint;
    final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    final Map<String, JsonNode> lastInput = new ConcurrentHashMap<>();
    final Map<String, String> lastAuthorization = new ConcurrentHashMap<>();
    /** Operation to [status, body]. */
    final Map<String, Object[]> answers = new ConcurrentHashMap<>();
    IssuerBackends backends;
    final Secrets secrets = new Secrets().put("apps", "aws", Map.of("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE".getBytes(),
            "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".getBytes()));

    @BeforeEach
    void start() throws Exception {
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/", exchange -> {
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target").replace("ACMPrivateCA.", "");
            operations.add(operation);
            lastInput.put(operation, JSON.readTree(exchange.getRequestBody().readAllBytes()));
            lastAuthorization.put(operation, exchange.getRequestHeaders().getFirst("Authorization"));
            Object[] answer = answers.getOrDefault(operation, new Object[] {500, "{}"});
            byte[] body = ((String) answer[1]).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders((Integer) answer[0], body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        backends = backends(fixed(NOW), new AwsPcaSettings("http://127.0.0.1:" + endpoint.getAddress().getPort(), null, null, null, null));
        answers.put("DescribeCertificateAuthority", new Object[] {200,
                "{\"CertificateAuthority\":{\"Arn\":\"" + ARN + "\",\"CertificateAuthorityConfiguration\":{\"KeyAlgorithm\":\"EC_secp384r1\",\"SigningAlgorithm\":\"SHA384WITHECDSA\"}}}"});
        answers.put("IssueCertificate", new Object[] {200, "{\"CertificateArn\":\"" + ARN + "/certificate/abc\"}"});
    }

    @AfterEach
    void stop() {
        backends.close();
        endpoint.stop(0);
    }

    private SignOutcome sign(String name, KeyUsage... usages) {
        Issuer issuer = issuer(IssuerKind.AWSPCAIssuer, "apps", "pca",
                new IssuerConfig.AwsPca(ARN, "eu-west-3", new IssuerConfig.AwsCredentialsRef("aws", null, null, null), null, null));
        CertificateRequest request = request("apps", name, csrPem(Csrs.p256(), "CN=a.example.net", "a.example.net"), Duration.ofHours(2), false, usages);
        return backends.backend(issuer).sign(new SignRequest(request, issuer, Optional.empty(), secrets, NOW));
    }

    @Test
    void describesTheCaOnceThenIssuesAndGetsEachCertificateWithAwsPrivateCaIssuersFields() {
        answers.put("GetCertificate", new Object[] {400, "{\"__type\":\"RequestInProgressException\",\"message\":\"in progress\"}"});

        SignOutcome first = sign("app-1", KeyUsage.SERVER_AUTH);
        SignOutcome second = sign("app-2");

        assertThat(first).isEqualTo(new SignOutcome.Pending("waiting for certificate to be issued"));
        assertThat(second).isInstanceOf(SignOutcome.Pending.class);
        assertThat(operations).containsExactly("DescribeCertificateAuthority", "IssueCertificate", "GetCertificate",
                "IssueCertificate", "GetCertificate");
        JsonNode issue = lastInput.get("IssueCertificate");
        assertThat(issue.get("CertificateAuthorityArn").asText()).isEqualTo(ARN);
        assertThat(new String(Base64.getDecoder().decode(issue.get("Csr").asText()), StandardCharsets.US_ASCII))
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(issue.get("SigningAlgorithm").asText()).isEqualTo("SHA384WITHECDSA");
        assertThat(issue.get("TemplateArn").asText()).isEqualTo("arn:aws:acm-pca:::template/BlankEndEntityCertificate_APICSRPassthrough/V1");
        assertThat(issue.get("Validity").get("Type").asText()).isEqualTo("ABSOLUTE");
        assertThat(issue.get("Validity").get("Value").asLong()).isEqualTo(NOW.getEpochSecond() + 7200);
        assertThat(issue.get("IdempotencyToken").asText()).isEqualTo(IdempotencyToken.of("apps", "app-2"));
        assertThat(issue.has("ApiPassthrough")).isFalse();
        assertThat(issue.has("ValidityNotBefore")).isFalse();
        assertThat(lastInput.get("GetCertificate").get("CertificateArn").asText()).isEqualTo(ARN + "/certificate/abc");
        assertThat(lastInput.get("GetCertificate").get("CertificateAuthorityArn").asText()).isEqualTo(ARN);
        assertThat(lastAuthorization.get("IssueCertificate"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261129/eu-west-3/acm-pca/aws4_request");
    }

    @Test
    void anErrorTypeWithANamespaceFailsTheRequestUnderItsShortName() {
        answers.put("IssueCertificate", new Object[] {400,
                "{\"__type\":\"com.amazonaws.acmpca#MalformedCSRException\",\"message\":\"the CSR is malformed\"}"});
        assertThat(sign("bad-1")).isEqualTo(new SignOutcome.Failed("MalformedCSRException", "the CSR is malformed"));
    }

    @Test
    void throttlingAndServerFaultsAreRetriedRatherThanFailed() {
        answers.put("IssueCertificate", new Object[] {400, "{\"__type\":\"ThrottlingException\",\"message\":\"slow down\"}"});
        assertThat(sign("busy-1")).isInstanceOf(SignOutcome.Pending.class);
        answers.put("IssueCertificate", new Object[] {503, "not json"});
        assertThat(sign("busy-2")).isInstanceOf(SignOutcome.Pending.class);
    }

    @Test
    void anEmptyChainFailsAsTheIssuerCannotReadTheCertificate() {
        answers.put("GetCertificate", new Object[] {200, "{\"Certificate\":\"x\",\"CertificateChain\":\"\"}"});
        assertThat(sign("empty-1")).isInstanceOfSatisfying(SignOutcome.Failed.class,
                f -> assertThat(f.message()).startsWith("failed to read certificate"));
    }
}
