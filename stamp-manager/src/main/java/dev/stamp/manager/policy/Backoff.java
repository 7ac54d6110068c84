package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.CertificateStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The wait after failed issuances, as cert-manager's trigger controller ({@code shouldBackoffReissuingOnFailure}):
 * {@code min * 2^(failedIssuanceAttempts - 1)}, capped at {@code max}, counted from {@code lastFailureTime}. Defaults
 * 1h and 32h ({@code --certificate-request-minimum/maximum-backoff-duration}). A spec edit retries at once: there is no
 * backoff while the next request no longer matches the spec. A manual renewal bypasses it (see
 * {@link Trigger#manuallyTriggered}).
 */
public record Backoff(Duration min, Duration max) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofHours(1), Duration.ofHours(32));

    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (!min.isPositive()) throw new IllegalArgumentException("minimum backoff must be positive, got " + min);
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("maximum backoff " + max + " is shorter than the minimum " + min);
        }
    }

    /** The delay after {@code failedAttempts} failures in a row; 0 or 1 failure waits {@code min}. */
    public Duration delay(int failedAttempts) {
        Duration delay = min;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /**
     * Until when issuance must wait, or empty when it may go ahead: no failure recorded, the next request no longer
     * matches the spec (or cannot be decoded), or the delay has passed.
     */
    public Optional<Instant> until(CertificateStatus status, Optional<CertificateRequest> nextRequest, CertificateSpec spec, Instant now) {
        if (status.lastFailureTime() == null) return Optional.empty();
        if (nextRequest.isPresent()) {
            try {
                if (!RequestMatch.violations(nextRequest.get(), spec).isEmpty()) return Optional.empty();
            } catch (DecodeException e) {
                return Optional.empty();
            }
        }
        int attempts = status.failedIssuanceAttempts() == null ? 0 : status.failedIssuanceAttempts();
        Instant retry = status.lastFailureTime().plus(delay(attempts));
        return now.isBefore(retry) ? Optional.of(retry) : Optional.empty();
    }

    public boolean shouldBackoff(CertificateStatus status, Optional<CertificateRequest> nextRequest, CertificateSpec spec, Instant now) {
        return until(status, nextRequest, spec, now).isPresent();
    }
}
