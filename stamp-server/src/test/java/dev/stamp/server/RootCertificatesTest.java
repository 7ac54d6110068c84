package dev.stamp.server;

import dev.stamp.core.crypto.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /roots/{sha256}.crt} on both listeners: the root by fingerprint, nothing else. */
class RootCertificatesTest {
    static TestServer s;

    @BeforeAll static void start() { s = new TestServer(); }
    @AfterAll static void stop() { s.close(); }

    static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    HttpResponse<byte[]> get(URI uri) throws Exception {
        return s.client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    URI apiRoot(String path) {
        return URI.create("https://localhost:" + s.server.apiPort() + path);
    }

    @Test
    void theRootIsServedAsDerByItsFingerprintOnBothListenersWithoutAToken() throws Exception {
        byte[] der = Pem.encoded(s.root.certificate());
        String fp = sha256(der);
        for (URI uri : new URI[] {s.http("/roots/" + fp + ".crt"), s.http("/roots/" + fp.toUpperCase(Locale.ROOT) + ".crt"), apiRoot("/roots/" + fp + ".crt")}) {
            var r = get(uri);
            assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/pkix-cert");
            assertThat(r.body()).isEqualTo(der);
        }
    }

    @Test
    void aSubordinatesFingerprintIsNotARoot() throws Exception {
        var r = get(s.http("/roots/" + sha256(Pem.encoded(s.issuing.certificate())) + ".crt"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body())).contains("no root CA with SHA-256 fingerprint");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000000000000000000000000000000000000000000000000000000000000000.crt", "abc.crt", "x.cer"})
    void anUnknownOrMalformedFingerprintIs404(String file) throws Exception {
        assertThat(get(s.http("/roots/" + file)).statusCode()).isEqualTo(404);
        assertThat(get(apiRoot("/roots/" + file)).statusCode()).isEqualTo(404);
    }
}
