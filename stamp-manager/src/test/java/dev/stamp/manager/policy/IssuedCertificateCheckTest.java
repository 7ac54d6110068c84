package dev.stamp.manager.policy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.stamp.manager.policy.Fixtures.KEY;
import static dev.stamp.manager.policy.Fixtures.NAMES;
import static dev.stamp.manager.policy.Fixtures.NOW;
import static dev.stamp.manager.policy.Fixtures.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

class IssuedCertificateCheckTest {
    private static final String CSR = Fixtures.csr(KEY, NAMES);

    @Test
    void aCertificateForTheRequestedKeyIsAccepted() {
        assertThat(IssuedCertificateCheck.check(Fixtures.freshCertificate(KEY, NAMES), CSR, NOW)).isEmpty();
    }

    @Test
    void aCertificateForAnotherKeyIsRefused() {
        var violation = IssuedCertificateCheck.check(Fixtures.freshCertificate(OTHER_KEY, NAMES), CSR, NOW);

        assertThat(violation).get().satisfies(v -> {
            assertThat(v.reason()).isEqualTo(Reason.InvalidCertificate);
            assertThat(v.message()).contains("does not match the public key of the CertificateRequest's CSR");
        });
    }

    @Test
    void anAlreadyExpiredCertificateIsRefused() {
        Instant notAfter = NOW.minusSeconds(1);
        String cert = Fixtures.certificate(KEY, NAMES, notAfter.minus(Duration.ofDays(1)), notAfter);

        var violation = IssuedCertificateCheck.check(cert, CSR, NOW);

        assertThat(violation).get().satisfies(v -> {
            assertThat(v.reason()).isEqualTo(Reason.InvalidCertificate);
            assertThat(v.message()).contains("has already expired").contains("Mon, 01 Jun 2026 11:59:59 UTC");
        });
    }

    @Test
    void anUndecodableCertificateIsRefused() {
        assertThat(IssuedCertificateCheck.check("garbage", CSR, NOW)).get()
                .extracting(Violation::reason).isEqualTo(Reason.InvalidCertificate);
    }
}
