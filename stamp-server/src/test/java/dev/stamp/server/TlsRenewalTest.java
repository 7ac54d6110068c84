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
            X509Certificate first = s.servedCertificate();
            assertThat(s.server.renewTlsIfDue()).isFalse();
            s.testPki.clock.advance(Duration.ofDays(21));
            assertThat(s.server.renewTlsIfDue()).isTrue();
            X509Certificate second = s.servedCertificate();
            assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
            assertThat(second.getNotAfter()).isAfter(first.getNotAfter());
            assertThat(s.server.renewTlsIfDue()).isFalse();
        }
    }

}
