package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The CRL at its distribution point over HTTP: DER, caching headers, 304 for the same CRL, and the revocation meters. */
class CrlHttpTest {
    static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    final TestServer s = new TestServer();

    @AfterEach
    void stop() {
        s.close();
    }

    HttpResponse<byte[]> fetch(String path, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.http(path));
        if (header != null) b.header(header, value);
        return s.client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void crlIsDerWithCachingHeadersBoundedByNextUpdateAndTheSameCrlIsNotSentTwice() throws Exception {
        s.testPki.pki.authorities().updateRevocation(s.issuing.id(), RevocationConfiguration.crlAndOcsp(), "test");
        HttpResponse<byte[]> first = fetch("/crl/" + s.issuing.id() + ".crl", null, null);
        PublishedCrl crl = s.testPki.pki.crls().latest(s.issuing.id(), CrlPartitions.WHOLE).orElseThrow();

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(crl.der());
        assertThat(first.headers().firstValue("Content-Type")).contains("application/pkix-crl");
        assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=60, no-transform");
        assertThat(first.headers().firstValue("Expires")).contains(IMF.format(s.testPki.clock.instant().plusSeconds(60)));
        assertThat(first.headers().firstValue("Last-Modified")).contains(IMF.format(crl.thisUpdate().truncatedTo(ChronoUnit.SECONDS)));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + s.issuing.id() + "--1-" + crl.number() + "\"");

        HttpResponse<byte[]> again = fetch("/crl/" + s.issuing.id() + ".crl", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);

        HttpResponse<byte[]> since = fetch("/crl/" + s.issuing.id() + ".crl", "If-Modified-Since", first.headers().firstValue("Last-Modified").orElseThrow());
        assertThat(since.statusCode()).isEqualTo(304);

        HttpResponse<byte[]> other = fetch("/crl/" + s.issuing.id() + ".crl", "If-None-Match", "\"" + s.issuing.id() + "--1-0\"");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.body()).isEqualTo(crl.der());
    }

    @Test
    void revocationsAreCountedByCaAndReasonAndEachSignedCrlIsTimedAndMeasured() throws Exception {
        s.testPki.pki.authorities().updateRevocation(s.issuing.id(), RevocationConfiguration.crlAndOcsp(), "test");
        for (String reason : new String[] {"keyCompromise", "keyCompromise", "superseded"}) {
            JsonNode issued = TestServer.json(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.issuer, s.issueBody("m.example.test")));
            var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates/" + issued.get("serial").asText() + "/revoke", s.issuer,
                    "{\"reason\":\"" + reason + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        HttpResponse<byte[]> crl = fetch("/crl/" + s.issuing.id() + ".crl", null, null);
        assertThat(crl.statusCode()).isEqualTo(200);

        String metrics = new String(fetch("/metrics", null, null).body(), java.nio.charset.StandardCharsets.UTF_8);
        String ca = "ca=\"" + s.issuing.id() + "\"";
        assertThat(metrics).contains("stamp_revocations_total{" + ca + ",reason=\"keyCompromise\"} 2.0")
                .contains("stamp_revocations_total{" + ca + ",reason=\"superseded\"} 1.0")
                .containsPattern(Pattern.quote("stamp_crl_build_seconds_count{" + ca + ",scope=\"whole\"} ") + "[1-9]")
                .containsPattern(Pattern.quote("stamp_crl_entries{" + ca + ",scope=\"whole\"} ") + "\\d");
        Matcher size = Pattern.compile(Pattern.quote("stamp_crl_size_bytes{" + ca + ",scope=\"whole\"} ") + "([0-9.E]+)").matcher(metrics);
        assertThat(size.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(size.group(1))).isGreaterThan(100);
    }
}
