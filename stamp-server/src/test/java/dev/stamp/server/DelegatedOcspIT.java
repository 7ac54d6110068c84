package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running server whose issuing CA signs OCSP through a delegated responder certificate, asked by {@code openssl ocsp}
 * and GnuTLS {@code ocsptool}; and the RFC 5019 caching headers with conditional GETs.
 */
class DelegatedOcspIT {
    static TestServer s;
    /** IMF-fixdate (RFC 9110 5.6.7): two-digit day. */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US).withZone(ZoneOffset.UTC);

    @BeforeAll static void start() {
        s = new TestServer();
        var patched = s.send("PATCH", "/cas/" + s.issuing.id(), s.admin, "{\"revocation\":{\"ocspSigner\":\"delegated\"}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(TestServer.json(patched).at("/revocation/ocspSigner").asText()).isEqualTo("DELEGATED");
    }

    @AfterAll static void stop() { s.close(); }

    /** Issues a leaf and writes leaf.pem, issuing.pem and root.pem (see {@link TestServer#issueToFiles}); returns the serial (hex). */
    static String issue(Path dir, String name) throws Exception {
        return s.issueToFiles(dir, name);
    }

    static void revoke(String serial) {
        var revoked = s.send("POST", "/cas/" + s.issuing.id() + "/certificates/" + serial + "/revoke", s.issuer, "{\"reason\":\"keyCompromise\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
    }

    static String run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    static String openssl(Path dir, String... extra) throws Exception {
        var command = new java.util.ArrayList<>(List.of("openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "leaf.pem",
                "-url", "http://127.0.0.1:" + s.server.httpPort() + "/ocsp", "-CAfile", "root.pem", "-resp_text"));
        command.addAll(List.of(extra));
        return run(dir, command);
    }

    static String ocsptool(Path dir, String... extra) throws Exception {
        var command = new java.util.ArrayList<>(List.of("ocsptool", "--ask=http://127.0.0.1:" + s.server.httpPort() + "/ocsp",
                "--load-issuer=issuing.pem", "--load-cert=leaf.pem", "--load-signer=issuing.pem"));
        command.addAll(List.of(extra));
        return run(dir, command);
    }

    @Test
    void opensslVerifiesDelegatedResponsesGoodThenRevokedWithReason(@TempDir Path dir) throws Exception {
        String serial = issue(dir, "delegated.example.test");

        String good = openssl(dir);
        assertThat(good).contains("Response verify OK").contains("leaf.pem: good");
        // The responder's own certificate travels in the response, with id-pkix-ocsp-nocheck and the OCSP Signing EKU.
        assertThat(good).contains("OCSP No Check").contains("OCSP Signing").contains("Responder Id: ");
        assertThat(good).doesNotContain("X509v3 CRL Distribution Points");

        revoke(serial);
        String revoked = openssl(dir, "-no_nonce");
        assertThat(revoked).contains("Response verify OK").contains("leaf.pem: revoked").contains("Reason: keyCompromise");
    }

    @Test
    void gnutlsOcsptoolVerifiesTheDelegatedResponse(@TempDir Path dir) throws Exception {
        String serial = issue(dir, "gnutls.example.test");
        String good = ocsptool(dir);
        assertThat(good).contains("Certificate Status: good").contains("Verifying OCSP Response: Success");

        revoke(serial);
        String revoked = ocsptool(dir, "--outfile=response.der");
        assertThat(revoked).contains("Certificate Status: revoked").contains("Verifying OCSP Response: Success");
        String info = run(dir, List.of("ocsptool", "--response-info", "--infile=response.der"));
        assertThat(info).contains("Certificate Status: revoked").contains("Responder Key ID: ").contains("Next Update: ");

        // Against the wrong issuer the same response does not verify: the check above can fail.
        var wrong = new ProcessBuilder("ocsptool", "--verify-response", "--load-signer=root.pem", "--infile=response.der")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String refused = new String(wrong.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(wrong.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(refused).contains("Verifying OCSP Response: Failure").doesNotContain("Verifying OCSP Response: Success");
    }

    @Test
    void getCarriesRfc5019HeadersAndConditionalGetsGet304(@TempDir Path dir) throws Exception {
        BigInteger serial = new BigInteger(issue(dir, "cache.example.test"), 16);
        byte[] der = new OCSPReqBuilder().addRequest(new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                s.issuing.certificate(), serial)).build().getEncoded();
        var uri = s.http("/ocsp/" + Base64.getUrlEncoder().withoutPadding().encodeToString(der));
        var response = s.client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);

        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response.body()).getResponseObject();
        X509CertificateHolder responder = basic.getCerts()[0];
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
        assertThat(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(s.issuing.certificate()))).isTrue();
        var single = basic.getResponses()[0];
        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        Instant thisUpdate = single.getThisUpdate().toInstant();
        Instant nextUpdate = single.getNextUpdate().toInstant();

        var headers = response.headers();
        assertThat(headers.firstValue("Last-Modified")).contains(HTTP_DATE.format(thisUpdate));
        assertThat(headers.firstValue("Expires")).contains(HTTP_DATE.format(nextUpdate));
        String cacheControl = headers.firstValue("Cache-Control").orElseThrow();
        assertThat(cacheControl).matches("max-age=\\d+, public, no-transform, must-revalidate");
        long maxAge = Long.parseLong(cacheControl.substring("max-age=".length(), cacheControl.indexOf(',')));
        // Until the response is signed again (half its hour), never past nextUpdate; the server clock is fixed.
        Instant now = s.testPki.clock.instant();
        assertThat(maxAge).isEqualTo(Duration.between(now, thisUpdate.plus(Duration.between(thisUpdate, nextUpdate).dividedBy(2))).toSeconds());
        assertThat(now.plusSeconds(maxAge)).isBefore(nextUpdate);
        String etag = headers.firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        var same = s.client.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(same.headers().firstValue("ETag")).contains(etag);
        var since = s.client.send(HttpRequest.newBuilder(uri).header("If-Modified-Since", HTTP_DATE.format(thisUpdate)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(since.statusCode()).isEqualTo(304);
        var other = s.client.send(HttpRequest.newBuilder(uri).header("If-None-Match", "\"0000\"").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(response.body());

        // After a revocation the ETag changes, so a revalidating cache gets the revoked response.
        revoke(serial.toString(16));
        var revoked = s.client.send(HttpRequest.newBuilder(uri).header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void patchRefusesAnUnknownSignerNamingIt() {
        var refused = s.send("PATCH", "/cas/" + s.issuing.id(), s.admin, "{\"revocation\":{\"ocspSigner\":\"somebody\"}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode problem = TestServer.json(refused);
        assertThat(problem.get("detail").asText()).contains("somebody");
    }
}
