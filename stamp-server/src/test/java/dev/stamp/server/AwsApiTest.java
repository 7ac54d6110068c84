package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.testing.Csrs;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS Private CA JSON protocol and STS over the running server, requests signed by the AWS SDK's signer. */
class AwsApiTest {
    static AwsTestServer s;

    @BeforeAll static void start() { s = new AwsTestServer(); }
    @AfterAll static void stop() { s.close(); }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String leafCsr(String dns) {
        return new String(Pem.encode("CERTIFICATE REQUEST", Csrs.csr(Csrs.p256(), "CN=" + dns, dns)).getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }

    AwsTestServer.Answer ok(String operation, String input) {
        var a = s.call(s.admin, operation, input);
        assertThat(a.status()).as(operation + ": " + a.body()).isEqualTo(200);
        return a;
    }

    String createCa(String type, String cn) {
        return ok("CreateCertificateAuthority", """
                {"CertificateAuthorityConfiguration":{"KeyAlgorithm":"EC_prime256v1","SigningAlgorithm":"SHA256WITHECDSA",
                 "Subject":{"Country":"FR","Organization":"Example","CommonName":"%s"}},
                 "CertificateAuthorityType":"%s","RevocationConfiguration":{"CrlConfiguration":{"Enabled":true,"ExpirationInDays":7},
                 "OcspConfiguration":{"Enabled":true}}}""".formatted(cn, type)).body().get("CertificateAuthorityArn").asText();
    }

    String issue(String caArn, String csrPem, String template, String validity, String token) {
        return ok("IssueCertificate", """
                {"CertificateAuthorityArn":"%s","Csr":"%s","SigningAlgorithm":"SHA256WITHECDSA",
                 "TemplateArn":"arn:aws:acm-pca:::template/%s","Validity":%s%s}""".formatted(caArn, b64(csrPem), template, validity,
                token == null ? "" : ",\"IdempotencyToken\":\"" + token + "\"")).body().get("CertificateArn").asText();
    }

    JsonNode get(String caArn, String certArn) {
        return ok("GetCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"CertificateArn\":\"%s\"}".formatted(caArn, certArn)).body();
    }

    @Test
    void theSeedFlowBootstrapsARootAndASubordinateThenIssuesALeafThatJavaPkixAccepts() throws Exception {
        // Root: create, fetch its CSR, sign it with itself (RootCACertificate/V1) while PENDING_CERTIFICATE, import it.
        String rootArn = createCa("ROOT", "AWS-flow Root");
        assertThat(ok("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + rootArn + "\"}").body()
                .at("/CertificateAuthority/Status").asText()).isEqualTo("PENDING_CERTIFICATE");
        String rootCsr = ok("GetCertificateAuthorityCsr", "{\"CertificateAuthorityArn\":\"" + rootArn + "\"}").body().get("Csr").asText();
        String rootCertArn = issue(rootArn, rootCsr, "RootCACertificate/V1", "{\"Value\":10,\"Type\":\"YEARS\"}", null);
        JsonNode rootCert = get(rootArn, rootCertArn);
        assertThat(rootCert.has("CertificateChain")).isFalse(); // a self-signed certificate has no chain, as on AWS
        ok("ImportCertificateAuthorityCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"Certificate\":\"%s\"}"
                .formatted(rootArn, b64(rootCert.get("Certificate").asText())));
        JsonNode described = ok("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + rootArn + "\"}").body().get("CertificateAuthority");
        assertThat(described.get("Status").asText()).isEqualTo("ACTIVE");
        assertThat(described.get("Arn").asText()).isEqualTo(rootArn);
        assertThat(described.get("OwnerAccount").asText()).isEqualTo(AwsTestServer.ACCOUNT);
        assertThat(described.at("/CertificateAuthorityConfiguration/Subject/CommonName").asText()).isEqualTo("AWS-flow Root");
        assertThat(described.at("/RevocationConfiguration/CrlConfiguration/Enabled").asBoolean()).isTrue();
        assertThat(described.get("NotAfter").asDouble()).isGreaterThan(Instant.now().getEpochSecond());

        // Subordinate: create, the root signs its CSR (PathLen0), import with the root as chain.
        String subArn = createCa("SUBORDINATE", "AWS-flow Issuing");
        String subCsr = ok("GetCertificateAuthorityCsr", "{\"CertificateAuthorityArn\":\"" + subArn + "\"}").body().get("Csr").asText();
        JsonNode subCert = get(rootArn, issue(rootArn, subCsr, "SubordinateCACertificate_PathLen0/V1", "{\"Value\":5,\"Type\":\"YEARS\"}", null));
        assertThat(subCert.get("CertificateChain").asText()).isEqualTo(rootCert.get("Certificate").asText());
        ok("ImportCertificateAuthorityCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"Certificate\":\"%s\",\"CertificateChain\":\"%s\"}"
                .formatted(subArn, b64(subCert.get("Certificate").asText()), b64(subCert.get("CertificateChain").asText())));
        JsonNode subCaCert = ok("GetCertificateAuthorityCertificate", "{\"CertificateAuthorityArn\":\"" + subArn + "\"}").body();
        assertThat(subCaCert.get("CertificateChain").asText()).isEqualTo(rootCert.get("Certificate").asText());

        // Leaf as aws-privateca-issuer asks: ABSOLUTE validity and an idempotency token; the same token gives the same ARN.
        long notAfter = Instant.now().plusSeconds(30L * 86400).getEpochSecond();
        String csr = leafCsr("app.private.example.net");
        String leafArn = issue(subArn, csr, "EndEntityCertificate/V1", "{\"Value\":" + notAfter + ",\"Type\":\"ABSOLUTE\"}", "f00dfeed");
        assertThat(issue(subArn, csr, "EndEntityCertificate/V1", "{\"Value\":" + notAfter + ",\"Type\":\"ABSOLUTE\"}", "f00dfeed")).isEqualTo(leafArn);
        assertThat(leafArn).matches(java.util.regex.Pattern.quote(subArn) + "/certificate/[0-9a-f]{32}");
        JsonNode leaf = get(subArn, leafArn);
        List<X509CertificateHolder> chain = Pem.certificates(leaf.get("CertificateChain").asText().getBytes(StandardCharsets.US_ASCII));
        assertThat(chain).hasSize(2); // issuing CA, then the root last
        X509Certificate leafCert = java(Pem.certificates(leaf.get("Certificate").asText().getBytes(StandardCharsets.US_ASCII)).getFirst());
        assertThat(leafCert.getNotAfter().toInstant().getEpochSecond()).isEqualTo(notAfter);
        var factory = CertificateFactory.getInstance("X.509");
        var path = factory.generateCertPath(List.of(leafCert, java(chain.get(0))));
        var params = new PKIXParameters(Set.of(new TrustAnchor(java(chain.get(1)), null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params); // throws if the chain does not validate

        // Revoke by hex serial with an AWS reason name; a second time is RequestAlreadyProcessedException.
        String serial = leafArn.substring(leafArn.lastIndexOf('/') + 1);
        ok("RevokeCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"CertificateSerial\":\"%s\",\"RevocationReason\":\"KEY_COMPROMISE\"}".formatted(subArn, serial));
        assertThat(s.testPki.pki.revocations().find(s.caIdOf(subArn), new BigInteger(serial, 16))).isPresent();
        var again = s.call(s.admin, "RevokeCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"CertificateSerial\":\"%s\",\"RevocationReason\":\"KEY_COMPROMISE\"}".formatted(subArn, serial));
        assertThat(again.type()).isEqualTo("RequestAlreadyProcessedException");
        assertThat(again.status()).isEqualTo(400);

        // Disable, delete with a 7-day window, restore (back to DISABLED), as the seed flow tears down.
        ok("UpdateCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + subArn + "\",\"Status\":\"DISABLED\"}");
        ok("DeleteCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + subArn + "\",\"PermanentDeletionTimeInDays\":7}");
        JsonNode deleted = ok("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + subArn + "\"}").body().get("CertificateAuthority");
        assertThat(deleted.get("Status").asText()).isEqualTo("DELETED");
        assertThat(deleted.has("RestorableUntil")).isTrue();
        ok("RestoreCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + subArn + "\"}");
        assertThat(ok("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + subArn + "\"}").body()
                .at("/CertificateAuthority/Status").asText()).isEqualTo("DISABLED");
    }

    @Test
    void listingPagesThroughEveryCaWithNextToken() {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String input = token == null ? "{\"MaxResults\":1}" : "{\"MaxResults\":1,\"NextToken\":\"" + token + "\"}";
            JsonNode page = ok("ListCertificateAuthorities", input).body();
            assertThat(page.get("CertificateAuthorities")).hasSize(1);
            arns.add(page.get("CertificateAuthorities").get(0).get("Arn").asText());
            token = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (token != null);
        assertThat(arns).doesNotHaveDuplicates().contains(s.caArn(s.root.id()), s.caArn(s.issuing.id()), s.caArn(s.other.id()));
        assertThat(s.call(s.admin, "ListCertificateAuthorities", "{\"NextToken\":\"bm90LWEtdG9rZW4\"}").type()).isEqualTo("InvalidNextTokenException");
    }

    @Test
    void eachModelledErrorHasItsAwsNameAndA4xx() {
        String issuing = s.caArn(s.issuing.id());
        String missing = s.caArn("00000000-0000-0000-0000-000000000000");
        String csr = b64(leafCsr("e.example.test"));
        record Case(String operation, String input, String type) {}
        List<Case> cases = List.of(
                new Case("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + missing + "\"}", "ResourceNotFoundException"),
                new Case("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"arn:aws:acm-pca:x\"}", "InvalidArnException"),
                new Case("DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"arn:aws:acm-pca:us-west-2:" + AwsTestServer.ACCOUNT
                        + ":certificate-authority/" + s.issuing.id() + "\"}", "InvalidArnException"),
                new Case("DescribeCertificateAuthority", "{}", "ValidationException"),
                new Case("IssueCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"Csr\":\"" + csr
                        + "\",\"SigningAlgorithm\":\"SHA256WITHRSA\",\"Validity\":{\"Value\":30,\"Type\":\"DAYS\"}}", "InvalidArgsException"),
                new Case("IssueCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"Csr\":\"" + b64("not a csr")
                        + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Value\":30,\"Type\":\"DAYS\"}}", "MalformedCSRException"),
                new Case("IssueCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"Csr\":\"" + csr
                        + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Value\":0,\"Type\":\"DAYS\"}}", "ValidationException"),
                new Case("IssueCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"Csr\":\"" + csr
                        + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Value\":30,\"Type\":\"WEEKS\"}}", "ValidationException"),
                new Case("UpdateCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"Status\":\"PENDING_CERTIFICATE\"}", "InvalidArgsException"),
                new Case("DeleteCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + issuing + "\"}", "InvalidStateException"),
                new Case("RevokeCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"CertificateSerial\":\"zz\",\"RevocationReason\":\"SUPERSEDED\"}", "InvalidRequestException"),
                new Case("RevokeCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"CertificateSerial\":\"01\",\"RevocationReason\":\"keyCompromise\"}", "ValidationException"),
                new Case("GetCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"CertificateArn\":\"" + issuing + "/certificate/01\"}", "ResourceNotFoundException"),
                new Case("ImportCertificateAuthorityCertificate", "{\"CertificateAuthorityArn\":\"" + issuing + "\",\"Certificate\":\"" + b64("junk") + "\"}", "MalformedCertificateException"),
                new Case("NoSuchOperation", "{}", "UnknownOperationException"));
        for (Case c : cases) {
            var a = s.call(s.admin, c.operation(), c.input());
            assertThat(a.type()).as(c.operation() + " " + c.input() + " -> " + a.body()).isEqualTo(c.type());
            assertThat(a.errorType()).isEqualTo(c.type());
            assertThat(a.status()).as(c.operation()).isBetween(400, 499);
            assertThat(a.body().get("message").asText()).isNotBlank();
        }
        var badJson = s.send(s.signed(s.admin.key().id(), s.admin.secretAccessKey(), "ListCertificateAuthorities", "{not json", Instant.now()));
        assertThat(badJson.type()).isEqualTo("SerializationException");
    }

    @Test
    void aCertificateStillBeingSignedIsInProgressAndAFailedOneHasFailedAsTheWaiterExpects() {
        String ca = s.caArn(s.issuing.id());
        var certificates = s.testPki.stores.certificates();
        Instant now = Instant.now();
        BigInteger pending = new BigInteger("7f00000000000000000000000000aa01", 16);
        BigInteger failed = new BigInteger("7f00000000000000000000000000aa02", 16);
        for (BigInteger serial : List.of(pending, failed)) {
            certificates.reserve(new dev.stamp.core.store.CertificateRecord(s.issuing.id(), serial, dev.stamp.core.store.CertificateState.PENDING,
                    "EndEntityCertificate/V1", "CN=pending.example.test", now, now.plusSeconds(86400), new byte[0], null, now), now);
        }
        certificates.recordFailed(s.issuing.id(), failed, new dev.stamp.core.audit.AuditEvent(now, "test", "certificate.failed", s.issuing.id(), "x", ""));
        var inProgress = s.call(s.admin, "GetCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"CertificateArn\":\"%s/certificate/%s\"}"
                .formatted(ca, ca, pending.toString(16)));
        assertThat(inProgress.type()).isEqualTo("RequestInProgressException"); // the CertificateIssued waiter retries on this
        var failure = s.call(s.admin, "GetCertificate", "{\"CertificateAuthorityArn\":\"%s\",\"CertificateArn\":\"%s/certificate/%s\"}"
                .formatted(ca, ca, failed.toString(16)));
        assertThat(failure.type()).isEqualTo("RequestFailedException");
        assertThat(failure.body().get("message").asText()).contains("is in a failed state");
    }

    @Test
    void rolesAndIssuerScopesAreEnforcedWithAccessDenied() {
        String csr = b64(leafCsr("r.example.test"));
        String issueOn = "{\"CertificateAuthorityArn\":\"%s\",\"Csr\":\"" + csr + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Value\":1,\"Type\":\"DAYS\"}}";
        assertThat(s.call(s.issuer, "IssueCertificate", issueOn.formatted(s.caArn(s.issuing.id()))).status()).isEqualTo(200);
        var otherCa = s.call(s.issuer, "IssueCertificate", issueOn.formatted(s.caArn(s.other.id())));
        assertThat(otherCa.type()).isEqualTo("AccessDeniedException");
        assertThat(otherCa.status()).isEqualTo(403);
        assertThat(s.call(s.auditor, "IssueCertificate", issueOn.formatted(s.caArn(s.issuing.id()))).type()).isEqualTo("AccessDeniedException");
        assertThat(s.call(s.auditor, "DescribeCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + s.caArn(s.issuing.id()) + "\"}").status()).isEqualTo(200);
        assertThat(s.call(s.issuer, "UpdateCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + s.caArn(s.issuing.id()) + "\",\"Status\":\"DISABLED\"}").type())
                .isEqualTo("AccessDeniedException");
        // An issuer key lists only its own CA.
        JsonNode list = s.call(s.issuer, "ListCertificateAuthorities", "{}").body().get("CertificateAuthorities");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("Arn").asText()).isEqualTo(s.caArn(s.issuing.id()));
    }

    @Test
    void badSignaturesAreRefusedWithAwsNamesAndAudited() {
        String input = "{\"CertificateAuthorityArn\":\"" + s.caArn(s.issuing.id()) + "\"}";
        var wrongSecret = s.send(s.signed(s.admin.key().id(), "x".repeat(40), "DescribeCertificateAuthority", input, Instant.now()));
        assertThat(wrongSecret.type()).isEqualTo("InvalidSignatureException");
        var unknownKey = s.send(s.signed("SKIANOTAKEY000000000", s.admin.secretAccessKey(), "DescribeCertificateAuthority", input, Instant.now()));
        assertThat(unknownKey.type()).isEqualTo("UnrecognizedClientException");
        var expired = s.send(s.signed(s.admin.key().id(), s.admin.secretAccessKey(), "DescribeCertificateAuthority", input, Instant.now().minusSeconds(3600)));
        assertThat(expired.type()).isEqualTo("InvalidSignatureException");
        assertThat(expired.body().get("message").asText()).startsWith("Signature expired");
        var request = s.signed(s.admin.key().id(), s.admin.secretAccessKey(), "DescribeCertificateAuthority", input, Instant.now());
        var tampered = java.net.http.HttpRequest.newBuilder(request, (n, v) -> true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(input.replace(s.issuing.id(), s.other.id()))).build();
        assertThat(s.send(tampered).type()).isEqualTo("InvalidSignatureException");
        var unsigned = s.send(java.net.http.HttpRequest.newBuilder(URI.create(s.endpoint() + "/"))
                .header("X-Amz-Target", "ACMPrivateCA.ListCertificateAuthorities").header("Content-Type", "application/x-amz-json-1.1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(unsigned.type()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(unsigned.status()).isEqualTo(403);
        var revoked = s.keys.create(dev.stamp.core.token.Role.ADMIN, List.of(), "to revoke", "test");
        s.keys.revoke(revoked.key().id(), "test");
        assertThat(s.call(revoked, "ListCertificateAuthorities", "{}").type()).isEqualTo("UnrecognizedClientException");
        assertThat(s.testPki.stores.audit().entries().stream().filter(e -> e.event().action().equals("auth.failed")).count()).isGreaterThanOrEqualTo(5);
        assertThat(s.testPki.stores.audit().entries().toString()).doesNotContain(s.admin.secretAccessKey());
    }

    @Test
    void stsGetCallerIdentityAnswersTheAwsSdkForAValidSignatureOnly() {
        try (StsClient sts = sts(s.admin.key().id(), s.admin.secretAccessKey())) {
            var identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(AwsTestServer.ACCOUNT);
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + AwsTestServer.ACCOUNT + ":user/" + s.admin.key().id());
            assertThat(identity.userId()).isEqualTo(s.admin.key().id());
        }
        try (StsClient sts = sts(s.admin.key().id(), "y".repeat(40))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
        }
        try (StsClient sts = sts("SKIANOTAKEY000000000", "y".repeat(40))) {
            assertThatThrownBy(sts::getCallerIdentity).isInstanceOfSatisfying(StsException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        }
    }

    private static StsClient sts(String keyId, String secret) {
        var tmf = s.trustManagers();
        return StsClient.builder().region(Region.of(AwsTestServer.REGION)).endpointOverride(URI.create(s.endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers).build())
                .overrideConfiguration(c -> c.retryStrategy(software.amazon.awssdk.retries.api.RetryStrategy.class.cast(
                        software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())))
                .build();
    }

    private static X509Certificate java(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
