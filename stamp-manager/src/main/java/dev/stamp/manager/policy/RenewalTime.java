package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateSpec;
import org.bouncycastle.cert.X509CertificateHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a certificate is due for renewal, as cert-manager's {@code pki.RenewalTime}: {@code notAfter - renewBefore},
 * truncated to the second (the status stores whole seconds, and a recheck scheduled from the stored value must not
 * find the renewal still in the future). The <em>issued</em> lifetime counts, not {@code spec.duration}.
 */
public final class RenewalTime {
    private RenewalTime() {}

    /**
     * @param renewBefore           {@code spec.renewBefore}, or null; used when positive and shorter than the lifetime
     * @param renewBeforePercentage {@code spec.renewBeforePercentage}, or null; used when in (0, 100)
     * @return the renewal time; by default two thirds of the way through the lifetime
     */
    public static Instant of(Instant notBefore, Instant notAfter, Duration renewBefore, Integer renewBeforePercentage) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Duration lifetime = Duration.between(notBefore, notAfter);
        return notAfter.minus(renewBefore(lifetime, renewBefore, renewBeforePercentage)).truncatedTo(ChronoUnit.SECONDS);
    }

    static Instant of(X509CertificateHolder cert, CertificateSpec spec) {
        return of(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), spec.renewBefore(), spec.renewBeforePercentage());
    }

    private static Duration renewBefore(Duration lifetime, Duration renewBefore, Integer percentage) {
        if (renewBefore != null && renewBefore.isPositive() && renewBefore.compareTo(lifetime) < 0) return renewBefore;
        if (percentage != null && percentage > 0 && percentage < 100) return lifetime.multipliedBy(percentage).dividedBy(100);
        return lifetime.dividedBy(3);
    }
}
