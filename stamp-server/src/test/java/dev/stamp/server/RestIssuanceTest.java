package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RestIssuanceTest {
    static TestServer s;

    @BeforeAll static void start() { s = new TestServer(); }
    @AfterAll static void stop() { s.close(); }

    @Test
    void issuedCertificateChainsToTheRootUnderJavaPkix() throws Exception {
        var response = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.issuer, s.issueBody("app.example.test"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = TestServer.json(response);
        assertThat(body.get("serial").asText()).matches("[0-9a-f]+");
        assertThat(body.get("notAfter").asText()).isNotEmpty();
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> l.endsWith(body.get("serial").asText()));

        List<X509Certificate> path = new ArrayList<>(certificates(body.get("certificate").asText()));
        List<X509Certificate> chain = certificates(body.get("chain").asText());
        X509Certificate root = chain.getLast();
        path.addAll(chain.subList(0, chain.size() - 1));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        assertThat(path.getFirst().getSubjectAlternativeNames()).anySatisfy(n -> assertThat(n.get(1)).isEqualTo("app.example.test"));
    }

    @Test
    void sameIdempotencyKeyGivesTheSameCertificate() {
        String body = s.issueBody("idem.example.test");
        HttpRequest.Builder b = HttpRequest.newBuilder(s.api("/cas/" + s.issuing.id() + "/certificates"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + s.admin)
                .header("Content-Type", "application/json").header("Idempotency-Key", "order-42");
        var first = s.send(b.build());
        var second = s.send(b.build());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(TestServer.json(second).get("serial")).isEqualTo(TestServer.json(first).get("serial"));
    }

    @Test
    void awsStyleValidityAndGetAndListBySerial() {
        var node = TestServer.JSON.createObjectNode();
        node.put("csr", s.csrPem("y.example.test"));
        node.putObject("validity").put("value", 30).put("type", "DAYS");
        node.put("template", "EndEntityServerAuthCertificate/V1");
        var issued = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, node.toString());
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String serial = TestServer.json(issued).get("serial").asText();
        var got = s.get("/cas/" + s.issuing.id() + "/certificates/" + serial, s.auditor);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(got).get("certificate").asText()).isEqualTo(TestServer.json(issued).get("certificate").asText());
        assertThat(TestServer.json(got).get("template").asText()).isEqualTo("EndEntityServerAuthCertificate/V1");
        var list = TestServer.json(s.get("/cas/" + s.issuing.id() + "/certificates?limit=1000", s.auditor));
        assertThat(list.get("items").findValuesAsText("serial")).contains(serial);
    }

    @Test
    void revocationThroughTheApiShowsOnTheNextCrlFetchAndTwiceIsAConflict() throws Exception {
        var issued = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.issuer, s.issueBody("revoked.example.test"));
        String serial = TestServer.json(issued).get("serial").asText();
        String path = "/cas/" + s.issuing.id() + "/certificates/" + serial + "/revoke";

        var revoked = s.send("POST", path, s.issuer, "{\"reason\":\"keyCompromise\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(TestServer.json(revoked).get("reason").asText()).isEqualTo("KEY_COMPROMISE");
        var again = s.send("POST", path, s.issuer, "{\"reason\":\"keyCompromise\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(TestServer.json(again).get("type").asText()).endsWith("/conflict");

        var crl = s.client.send(HttpRequest.newBuilder(s.http("/crl/" + s.issuing.id() + ".crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crl.statusCode()).isEqualTo(200);
        assertThat(crl.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        var parsed = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        var entry = parsed.getRevokedCertificate(new java.math.BigInteger(serial, 16));
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        parsed.verify(new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(s.issuing.certificate()).getPublicKey());

        var unknown = s.client.send(HttpRequest.newBuilder(s.http("/crl/no-such-ca.crl")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void enablingCrlsPutsADistributionPointIntoNewCertificatesThatTheServerAnswers() throws Exception {
        var patched = s.send("PATCH", "/cas/" + s.other.id(), s.admin, "{\"revocation\":{\"crlEnabled\":true,\"crlExpirationInDays\":2}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(TestServer.json(patched).get("revocation").get("crlEnabled").asBoolean()).isTrue();
        assertThat(TestServer.json(patched).get("revocation").get("ocspEnabled").asBoolean()).isFalse();

        var issued = s.send("POST", "/cas/" + s.other.id() + "/certificates", s.admin, s.issueBody("cdp.example.test"));
        var cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(TestServer.json(issued).get("certificate").asText().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        var cdp = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.31")).getOctets());
        String url = cdp.getDistributionPoints()[0].getDistributionPoint().getName().toASN1Primitive().toString();
        assertThat(url).contains("/crl/" + s.other.id() + ".crl");

        var crl = s.client.send(HttpRequest.newBuilder(s.http("/crl/" + s.other.id() + ".crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
        var parsed = (java.security.cert.X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        assertThat(parsed.getNextUpdate().getTime() - parsed.getThisUpdate().getTime()).isEqualTo(java.time.Duration.ofDays(2).toMillis());

        var bad = s.send("PATCH", "/cas/" + s.other.id(), s.admin, "{\"revocation\":{\"crlExpirationInDays\":0}}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("ExpirationInDays");
    }

    @Test
    void caCertificateIsServedAsDerOnTheHttpListenerAndHealthAnswers() throws Exception {
        var der = s.client.send(HttpRequest.newBuilder(s.http("/ca/" + s.issuing.id() + ".cer")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(der.statusCode()).isEqualTo(200);
        assertThat(der.headers().firstValue("Content-Type")).contains("application/pkix-cert");
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der.body()));
        assertThat(cert.getSubjectX500Principal().getName()).contains("Test Sub");
        for (String path : List.of("/healthz", "/readyz")) {
            var r = s.client.send(HttpRequest.newBuilder(s.http(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
        s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, s.issueBody("metrics.example.test"));
        var metrics = s.client.send(HttpRequest.newBuilder(s.http("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("stamp_issuances_seconds_count").contains("ca=\"" + s.issuing.id() + "\"");
    }

    @Test
    void caLifecycleThroughTheApi() {
        var created = s.send("POST", "/cas", s.admin, """
                {"type":"ROOT","subject":"CN=API Root,O=Stamp Tests","keyAlgorithm":"EC_prime256v1","validity":"5y"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = TestServer.json(created).get("id").asText();
        assertThat(TestServer.json(created).get("status").asText()).isEqualTo("ACTIVE");
        var sub = s.send("POST", "/cas", s.admin, """
                {"type":"SUBORDINATE","subject":"CN=API Sub,O=Stamp Tests","keyAlgorithm":"EC_prime256v1","parentCaId":"%s","validity":{"value":2,"type":"YEARS"}}""".formatted(id));
        assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
        var external = s.send("POST", "/cas", s.admin, """
                {"type":"SUBORDINATE","subject":"CN=External Sub,O=Stamp Tests","keyAlgorithm":"EC_prime256v1"}""");
        String extId = TestServer.json(external).get("id").asText();
        assertThat(TestServer.json(external).get("status").asText()).isEqualTo("PENDING_CERTIFICATE");
        assertThat(TestServer.json(s.get("/cas/" + extId + "/csr", s.admin)).get("csr").asText()).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        var disabled = s.send("PATCH", "/cas/" + id, s.admin, "{\"status\":\"DISABLED\"}");
        assertThat(TestServer.json(disabled).get("status").asText()).isEqualTo("DISABLED");
        var pem = s.get("/cas/" + id + "/certificate", s.auditor);
        assertThat(pem.body()).startsWith("-----BEGIN CERTIFICATE-----");
        var chain = s.get("/cas/" + TestServer.json(sub).get("id").asText() + "/chain", s.auditor);
        assertThat(chain.body().split("BEGIN CERTIFICATE", -1)).hasSize(3);
        var deleted = s.send("DELETE", "/cas/" + id + "?days=7", s.admin, null);
        assertThat(TestServer.json(deleted).get("status").asText()).as(deleted.body()).isEqualTo("DELETED");
        var restored = s.send("POST", "/cas/" + id + "/restore", s.admin, null);
        assertThat(TestServer.json(restored).get("status").asText()).as(restored.body()).isEqualTo("DISABLED");
    }

    @Test
    void openApiDocumentIsPublic() {
        var r = s.get("/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(r).get("openapi").asText()).isEqualTo("3.1.0");
    }

    static List<X509Certificate> certificates(String pem) throws Exception {
        List<X509Certificate> out = new ArrayList<>();
        for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }
}
