package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.testing.Csrs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags, permissions, policies, idempotent CA creation and audit reports through the AWS protocol. */
class AwsResourcesTest {
    static AwsTestServer s;

    @BeforeAll static void start() { s = new AwsTestServer(); }
    @AfterAll static void stop() { s.close(); }

    AwsTestServer.Answer ok(String operation, String input) {
        var a = s.call(s.admin, operation, input);
        assertThat(a.status()).as(operation + ": " + a.body()).isEqualTo(200);
        return a;
    }

    String type(String operation, String input) {
        var a = s.call(s.admin, operation, input);
        assertThat(a.status()).as(operation + ": " + a.body()).isBetween(400, 499);
        return a.type();
    }

    static String create(String token, String tags) {
        return """
                {"CertificateAuthorityConfiguration":{"KeyAlgorithm":"EC_prime256v1","SigningAlgorithm":"SHA256WITHECDSA",
                 "Subject":{"CommonName":"Tagged"}},"CertificateAuthorityType":"ROOT"%s%s}""".formatted(
                token == null ? "" : ",\"IdempotencyToken\":\"" + token + "\"", tags == null ? "" : ",\"Tags\":" + tags);
    }

    @Test
    void tagsAreSetAtCreationAddedListedInPagesAndRemoved() {
        String arn = ok("CreateCertificateAuthority", create(null, "[{\"Key\":\"team\",\"Value\":\"pki\"}]")).body().get("CertificateAuthorityArn").asText();
        ok("TagCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"prod\"},{\"Key\":\"owner\"}]}");
        List<String> keys = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = ok("ListTags", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"MaxResults\":2" + (next == null ? "" : ",\"NextToken\":\"" + next + "\"") + "}").body();
            page.get("Tags").forEach(t -> keys.add(t.get("Key").asText() + "=" + t.path("Value").asText("")));
            next = page.has("NextToken") ? page.get("NextToken").asText() : null;
        } while (next != null);
        assertThat(keys).containsExactly("env=prod", "owner=", "team=pki");
        ok("UntagCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"env\",\"Value\":\"staging\"},{\"Key\":\"team\"}]}");
        assertThat(ok("ListTags", "{\"CertificateAuthorityArn\":\"" + arn + "\"}").body().get("Tags")).extracting(t -> t.get("Key").asText())
                .containsExactly("env", "owner");

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i < 49; i++) many.append(i == 0 ? "" : ",").append("{\"Key\":\"k").append(i).append("\"}");
        many.append("]");
        assertThat(type("TagCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Tags\":" + many + "}")).isEqualTo("TooManyTagsException");
        assertThat(type("TagCertificateAuthority", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"bad<key>\"}]}")).isEqualTo("InvalidTagException");
        assertThat(ok("ListTags", "{\"CertificateAuthorityArn\":\"" + arn + "\"}").body().get("Tags")).hasSize(2); // nothing of the refused calls stayed
    }

    @Test
    void theSameIdempotencyTokenCreatesOneCa() {
        String first = ok("CreateCertificateAuthority", create("same-token", null)).body().get("CertificateAuthorityArn").asText();
        String again = ok("CreateCertificateAuthority", create("same-token", null)).body().get("CertificateAuthorityArn").asText();
        String other = ok("CreateCertificateAuthority", create("other-token", null)).body().get("CertificateAuthorityArn").asText();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void requestsWithOneIdempotencyTokenArrivingTogetherCreateOneCa() throws Exception {
        int before = ok("ListCertificateAuthorities", "{}").body().get("CertificateAuthorities").size();
        // An RSA-4096 key takes long enough to generate that every request arrives while the first is still creating.
        String slowCreate = create("together-token", null).replace("EC_prime256v1", "RSA_4096").replace("SHA256WITHECDSA", "SHA256WITHRSA");
        List<Future<String>> arns = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            var start = new CountDownLatch(1);
            for (int i = 0; i < 6; i++) {
                arns.add(threads.submit(() -> {
                    start.await();
                    return ok("CreateCertificateAuthority", slowCreate).body().get("CertificateAuthorityArn").asText();
                }));
            }
            start.countDown();
            List<String> answers = new ArrayList<>();
            for (var arn : arns) answers.add(arn.get());
            assertThat(answers).hasSize(6).containsOnly(answers.get(0));
        }
        assertThat(ok("ListCertificateAuthorities", "{}").body().get("CertificateAuthorities").size()).isEqualTo(before + 1);
    }

    @Test
    void permissionsAreStoredOncePerPrincipalListedAndDeleted() {
        String arn = s.caArn(s.other.id());
        String permission = "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Principal\":\"acm.amazonaws.com\",\"Actions\":[\"IssueCertificate\",\"GetCertificate\",\"ListPermissions\"]}";
        ok("CreatePermission", permission);
        assertThat(type("CreatePermission", permission)).isEqualTo("PermissionAlreadyExistsException");
        assertThat(type("CreatePermission", permission.replace("acm.amazonaws.com", "evil.example.com"))).isEqualTo("InvalidArgsException");
        assertThat(type("CreatePermission", permission.replace("ListPermissions", "DeleteEverything"))).isEqualTo("ValidationException");
        JsonNode list = ok("ListPermissions", "{\"CertificateAuthorityArn\":\"" + arn + "\"}").body().get("Permissions");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("Principal").asText()).isEqualTo("acm.amazonaws.com");
        assertThat(list.get(0).get("Actions")).hasSize(3);
        ok("DeletePermission", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Principal\":\"acm.amazonaws.com\"}");
        assertThat(type("DeletePermission", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Principal\":\"acm.amazonaws.com\"}")).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void policiesAreValidatedStoredReturnedAndDeleted() {
        String arn = s.caArn(s.other.id());
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"acm-pca:IssueCertificate\",\"Resource\":\"" + arn + "\"}]}";
        assertThat(type("GetPolicy", "{\"ResourceArn\":\"" + arn + "\"}")).isEqualTo("ResourceNotFoundException");
        assertThat(type("PutPolicy", "{\"ResourceArn\":\"" + arn + "\",\"Policy\":\"{not json\"}")).isEqualTo("InvalidPolicyException");
        assertThat(type("PutPolicy", "{\"ResourceArn\":\"" + arn + "\",\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"}")).isEqualTo("InvalidPolicyException");
        ok("PutPolicy", s.JSON.createObjectNode().put("ResourceArn", arn).put("Policy", policy).toString());
        assertThat(ok("GetPolicy", "{\"ResourceArn\":\"" + arn + "\"}").body().get("Policy").asText()).isEqualTo(policy);
        ok("DeletePolicy", "{\"ResourceArn\":\"" + arn + "\"}");
        assertThat(type("DeletePolicy", "{\"ResourceArn\":\"" + arn + "\"}")).isEqualTo("ResourceNotFoundException");
    }

    @Test
    void anAuditReportListsIssuedAndRevokedCertificatesAndIsWrittenUnderTheReportDirectory() throws Exception {
        String arn = s.caArn(s.issuing.id());
        String csr = Base64.getEncoder().encodeToString(Pem.encode("CERTIFICATE REQUEST", Csrs.csr(Csrs.p256(), "CN=audited.example.test", "audited.example.test"))
                .getBytes(StandardCharsets.US_ASCII));
        String certArn = ok("IssueCertificate", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"Csr\":\"" + csr
                + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Value\":3,\"Type\":\"DAYS\"}}").body().get("CertificateArn").asText();
        ok("RevokeCertificate", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"CertificateSerial\":\"" + certArn.substring(certArn.lastIndexOf('/') + 1)
                + "\",\"RevocationReason\":\"SUPERSEDED\"}");

        String request = "{\"CertificateAuthorityArn\":\"" + arn + "\",\"S3BucketName\":\"audit-bucket\",\"AuditReportResponseFormat\":\"JSON\"}";
        assertThat(s.call(s.issuer, "CreateCertificateAuthorityAuditReport", request).type()).isEqualTo("AccessDeniedException");
        var created = s.call(s.auditor, "CreateCertificateAuthorityAuditReport", request);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        String id = created.body().get("AuditReportId").asText();
        String key = created.body().get("S3Key").asText();
        assertThat(key).isEqualTo("audit-report/" + s.issuing.id() + "/" + id + ".json");
        assertThat(s.call(s.auditor, "CreateCertificateAuthorityAuditReport", request).body().get("AuditReportId").asText()).isEqualTo(id);

        JsonNode described = ok("DescribeCertificateAuthorityAuditReport", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"AuditReportId\":\"" + id + "\"}").body();
        assertThat(described.get("AuditReportStatus").asText()).isEqualTo("SUCCESS");
        assertThat(described.get("S3BucketName").asText()).isEqualTo("audit-bucket");

        Path file = s.reportDir.resolve("audit-bucket").resolve(key);
        JsonNode report = AwsTestServer.JSON.readTree(Files.readAllBytes(file));
        JsonNode row = null;
        for (JsonNode r : report) if (r.get("certificateArn").asText().equals(certArn)) row = r;
        assertThat(row).as("the issued certificate is in the report").isNotNull();
        assertThat(row.get("revocationReason").asText()).isEqualTo("SUPERSEDED");
        assertThat(row.get("subject").asText()).contains("audited.example.test");
        assertThat(row.get("templateArn").asText()).isEqualTo("arn:aws:acm-pca:::template/EndEntityCertificate/V1");
        var nativeApi = s.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(s.endpoint() + "/api/v1/cas/" + s.issuing.id()
                + "/audit-reports/" + id)).header("Authorization", "Bearer " + s.adminToken).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(nativeApi.statusCode()).isEqualTo(200);
        assertThat(nativeApi.body()).isEqualTo(Files.readAllBytes(file));
        assertThat(type("DescribeCertificateAuthorityAuditReport", "{\"CertificateAuthorityArn\":\"" + arn + "\",\"AuditReportId\":\"00000000-0000-0000-0000-000000000000\"}"))
                .isEqualTo("ResourceNotFoundException");
    }
}
