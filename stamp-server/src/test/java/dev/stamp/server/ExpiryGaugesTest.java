package dev.stamp.server;

import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.testing.Csrs;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ExpiryGaugesTest {
    @Test
    void gaugesCountUnrevokedCertificatesExpiringWithin7And30DaysAndTheCaLifetime() {
        try (TestServer s = new TestServer()) {
            String ca = s.other.id(); // the server's own TLS certificate comes from "issuing"; "other" holds only these
            var in5Days = issue(s, ca, Validity.days(5));
            issue(s, ca, Validity.days(6));
            issue(s, ca, Validity.days(20));
            issue(s, ca, Validity.days(90));
            s.testPki.pki.revocations().revoke(ca, in5Days, RevocationReason.KEY_COMPROMISE, "test");

            s.server.refreshExpiryGauges();
            String metrics = scrape(s);
            assertThat(gauge(metrics, "stamp_certificates_expiring", ca, "7d")).isEqualTo(1);
            assertThat(gauge(metrics, "stamp_certificates_expiring", ca, "30d")).isEqualTo(2);
            Instant caNotAfter = s.other.certificate().getNotAfter().toInstant();
            assertThat(gauge(metrics, "stamp_ca_certificate_expiry_seconds", ca, null))
                    .isEqualTo(Duration.between(s.testPki.clock.instant(), caNotAfter).toSeconds());

            // the values move only when refreshed, not per scrape
            s.testPki.clock.advance(Duration.ofDays(15));
            assertThat(gauge(scrape(s), "stamp_certificates_expiring", ca, "7d")).isEqualTo(1);
            s.server.refreshExpiryGauges();
            metrics = scrape(s);
            assertThat(gauge(metrics, "stamp_certificates_expiring", ca, "7d")).as("the 20-day one is 5 days out now").isEqualTo(1);
            assertThat(gauge(metrics, "stamp_certificates_expiring", ca, "30d")).isEqualTo(1);
        }
    }

    private static java.math.BigInteger issue(TestServer s, String ca, Validity validity) {
        return s.testPki.pki.issuance().issue(IssueRequest.of(ca, Csrs.csr(Csrs.p256(), "CN=gauge.example", "gauge.example"),
                Template.named("EndEntityServerAuthCertificate/V1"), validity)).record().serial();
    }

    private static String scrape(TestServer s) {
        return s.send(HttpRequest.newBuilder(s.http("/metrics")).build()).body();
    }

    private static long gauge(String metrics, String name, String ca, String within) {
        Pattern p = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$");
        Matcher m = p.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains("ca=\"" + ca + "\"") && (within == null || labels.contains("within=\"" + within + "\""))) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + " for " + ca + " " + within + " not in\n" + metrics);
    }
}
