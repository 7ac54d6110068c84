package dev.stamp.server;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TlsRenewalTest {
    @Test
    void certificateIsRenewedOnlyWhenTwoThirdsOfItsLifeHavePassed() throws Exception {
        try (TestServer s = new TestServer()) {
            X509Certificate first = served(s);
            assertThat(s.server.renewTlsIfDue()).isFalse();
            s.testPki.clock.advance(Duration.ofDays(21));
            assertThat(s.server.renewTlsIfDue()).isTrue();
            X509Certificate second = served(s);
            assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(second.getNotAfter()).isAfter(first.getNotAfter());
            assertThat(s.server.renewTlsIfDue()).isFalse();
        }
    }

    /**
     * The leaf a new connection sees. The test's clock runs weeks ahead of the real one, so the renewed certificate
     * is not yet valid for a real client: this one records what it is shown instead of judging it.
     */
    private static X509Certificate served(TestServer s) throws Exception {
        X509Certificate[] seen = new X509Certificate[1];
        X509TrustManager recording = new X509TrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { seen[0] = chain[0]; }
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {recording}, null);
        HttpClient fresh = HttpClient.newBuilder().sslContext(ssl).build();
        fresh.send(HttpRequest.newBuilder(s.api("/openapi.json")).build(), HttpResponse.BodyHandlers.discarding());
        return seen[0];
    }
}
