package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The OCSP responder of a real running server, asked by the real {@code openssl ocsp} client and by Java. */
class OcspIT {
    static TestServer s;

    @BeforeAll static void start() { s = new TestServer(); }
    @AfterAll static void stop() { s.close(); }

    /** Issues a leaf and writes leaf.pem, issuing.pem and root.pem (see {@link TestServer#issueToFiles}); returns the serial (hex). */
    static String issue(Path dir, String name) throws Exception {
        return s.issueToFiles(dir, name);
    }

    static String openssl(Path dir, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "leaf.pem",
                "-url", "http://127.0.0.1:" + s.server.httpPort() + "/ocsp", "-CAfile", "root.pem", "-resp_text"));
        command.addAll(Arrays.asList(extra));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static void revoke(String serial) {
        var revoked = s.send("POST", "/cas/" + s.issuing.id() + "/certificates/" + serial + "/revoke", s.issuer, "{\"reason\":\"keyCompromise\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    }

    @Test
    void opensslSeesGoodThenRevokedWithTheReasonOnTheNextRequest(@TempDir Path dir) throws Exception {
        String serial = issue(dir, "ocsp.example.test");

        String good = openssl(dir);
        assertThat(good).contains("Response verify OK").contains("leaf.pem: good");
        assertThat(good).doesNotContain("WARNING: no nonce");
        String cached = openssl(dir, "-no_nonce");
        assertThat(cached).contains("Response verify OK").contains("leaf.pem: good");

        revoke(serial);
        String revoked = openssl(dir, "-no_nonce");
        assertThat(revoked).contains("Response verify OK").contains("leaf.pem: revoked").contains("Reason: keyCompromise");
        assertThat(openssl(dir)).contains("Response verify OK").contains("Reason: keyCompromise");
    }

    static byte[] requestDer(BigInteger serial) throws Exception {
        return new OCSPReqBuilder().addRequest(new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                s.issuing.certificate(), serial)).build().getEncoded();
    }

    @Test
    void getWithStandardOrUrlBase64AnswersWithRfc5019CachingHeaders(@TempDir Path dir) throws Exception {
        BigInteger serial = new BigInteger(issue(dir, "get.example.test"), 16);
        byte[] der = requestDer(serial);
        for (String path : List.of(URLEncoder.encode(Base64.getEncoder().encodeToString(der), StandardCharsets.US_ASCII),
                Base64.getUrlEncoder().withoutPadding().encodeToString(der))) {
            var response = s.client.send(HttpRequest.newBuilder(s.http("/ocsp/" + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).contains("application/ocsp-response");
            assertThat(response.headers().firstValue("Cache-Control").orElseThrow())
                    .matches("max-age=\\d+, public, no-transform, must-revalidate");
            assertThat(response.headers().firstValue("Last-Modified")).isPresent();
            assertThat(response.headers().firstValue("Expires")).isPresent();
            assertThat(response.headers().firstValue("ETag")).isPresent();
            OCSPResp resp = new OCSPResp(response.body());
            assertThat(resp.getStatus()).isZero();
            BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
            assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(s.issuing.certificate()))).isTrue();
            assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        }
        revoke(serial.toString(16));
        var response = s.client.send(HttpRequest.newBuilder(s.http("/ocsp/" + Base64.getUrlEncoder().encodeToString(der))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);

        var metrics = s.client.send(HttpRequest.newBuilder(s.http("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("stamp_ocsp_responses_total{status=\"good\"}");
    }

    @Test
    void aConditionalGetNamingTheCurrentResponseGetsNotModifiedAndEveryGetCarriesARequestId(@TempDir Path dir) throws Exception {
        BigInteger serial = new BigInteger(issue(dir, "conditional.example.test"), 16);
        var uri = s.http("/ocsp/" + Base64.getUrlEncoder().withoutPadding().encodeToString(requestDer(serial)));
        var first = s.client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{16}");

        var same = s.client.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).contains(etag);
        var other = s.client.send(HttpRequest.newBuilder(uri).header("If-None-Match", "\"0123\"").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(first.body());
        assertThat(other.headers().firstValue("X-Request-Id")).isNotEqualTo(first.headers().firstValue("X-Request-Id"));
    }

    @Test
    void bitFlippedAndTruncatedRequestsNeverGetA5xxAndTheServerKeepsServing(@TempDir Path dir) throws Exception {
        BigInteger serial = new BigInteger(issue(dir, "fuzz.example.test"), 16);
        byte[] der = requestDer(serial);
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            byte[] body = der.clone();
            if (random.nextBoolean()) {
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
            } else {
                body = Arrays.copyOf(body, random.nextInt(body.length));
            }
            var response = s.client.send(HttpRequest.newBuilder(s.http("/ocsp")).header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("request %d", i).isLessThan(500);
            if (response.statusCode() == 200) {
                assertThat(new OCSPResp(response.body()).getStatus()).as("request %d", i).isNotEqualTo(2); // internalError
            }
        }
        var good = s.client.send(HttpRequest.newBuilder(s.http("/ocsp")).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(der)).build(), HttpResponse.BodyHandlers.ofByteArray());
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(good.body()).getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);

        var garbage = s.client.send(HttpRequest.newBuilder(s.http("/ocsp/not-base64!!")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(new OCSPResp(garbage.body()).getStatus()).isEqualTo(1); // malformedRequest
        var big = s.client.send(HttpRequest.newBuilder(s.http("/ocsp")).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[70_000])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(big.statusCode()).isEqualTo(413);
    }
}
