package dev.stamp.manager.trust;

import com.sun.net.httpserver.HttpServer;
import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bootstrap download against a stand-in server that answers every {@code /roots/...} path with whatever the
 * test puts up, as an attacker in the middle could: only the root with the expected fingerprint comes back.
 */
class RootDownloadTest {
    final AtomicReference<byte[]> served = new AtomicReference<>();
    final AtomicReference<String> path = new AtomicReference<>();
    HttpServer server;
    URI base;
    TestRoots root = TestRoots.root("Example Root CA");

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/roots/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            byte[] body = served.get();
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theRootWithTheExpectedFingerprintIsReturned() throws Exception {
        served.set(root.certificate().getEncoded());
        Fingerprint fp = Fingerprint.of(root.certificate().getEncoded());

        TrustRoot fetched = new RootDownload(Duration.ofSeconds(5)).fetch(base, fp);

        assertThat(fetched.der()).isEqualTo(root.certificate().getEncoded());
        assertThat(path.get()).isEqualTo("/roots/" + fp.hex() + ".crt");
    }

    @Test
    void anotherCertificateIsRefusedNamingBothFingerprints() throws Exception {
        TestRoots substitute = TestRoots.root("Example Root CA");
        served.set(substitute.certificate().getEncoded());
        Fingerprint expected = Fingerprint.of(root.certificate().getEncoded());

        assertThatThrownBy(() -> new RootDownload(Duration.ofSeconds(5)).fetch(base, expected))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_MISMATCH))
                .hasMessageContaining("nothing trusted")
                .hasMessageContaining(expected.colons())
                .hasMessageContaining(Fingerprint.of(substitute.certificate().getEncoded()).colons());
    }

    @Test
    void aLeafWithTheRightFingerprintIsStillNotARoot() throws Exception {
        byte[] leaf = root.leaf("app.example.net").getEncoded();
        served.set(leaf);
        assertThatThrownBy(() -> new RootDownload(Duration.ofSeconds(5)).fetch(base, Fingerprint.of(leaf)))
                .hasMessageContaining("not a CA certificate");
    }

    @Test
    void anUnknownFingerprintIsNotFoundAndGarbageIsAMismatch() {
        Fingerprint fp = Fingerprint.parse("00".repeat(32));
        assertThatThrownBy(() -> new RootDownload(Duration.ofSeconds(5)).fetch(base, fp))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        served.set("<html>hello</html>".getBytes());
        assertThatThrownBy(() -> new RootDownload(Duration.ofSeconds(5)).fetch(base, fp))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CERTIFICATE_MISMATCH))
                .hasMessageContaining("nothing trusted");
    }
}
