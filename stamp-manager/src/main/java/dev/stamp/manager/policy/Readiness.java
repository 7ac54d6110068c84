package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** cert-manager's readiness controller as a function: the Ready condition and the times read from the Secret. */
public final class Readiness {
    public static final String READY_REASON = "Ready";
    public static final String READY_MESSAGE = "Certificate is up to date and has not expired";

    private Readiness() {}

    /** Ready True, or False with the first failing check of {@link PolicyChain#READINESS}; times when decodable. */
    public static Result evaluate(PolicyInput input) {
        Optional<CertificateTimes> times = CertificateTimes.of(input.secret(), input.certificate().spec());
        Optional<Violation> violation = PolicyChain.READINESS.evaluate(input);
        return violation
                .map(v -> new Result(ConditionStatus.False, v.reason().name(), v.message(), times))
                .orElseGet(() -> new Result(ConditionStatus.True, READY_REASON, READY_MESSAGE, times));
    }

    /** The Ready condition to set and the certificate times (empty: clear them). */
    public record Result(ConditionStatus status, String reason, String message, Optional<CertificateTimes> times) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(times, "times");
        }

        public boolean ready() {
            return status == ConditionStatus.True;
        }

        /** The status with this Ready condition (keeping its transition time if unchanged) and these times. */
        public CertificateStatus applyTo(CertificateStatus status, long observedGeneration, Instant now) {
            return status.withCondition(ConditionType.Ready, this.status, reason, message, observedGeneration, now)
                    .withCertificateTimes(times.map(CertificateTimes::notBefore).orElse(null),
                            times.map(CertificateTimes::notAfter).orElse(null),
                            times.map(CertificateTimes::renewalTime).orElse(null));
        }
    }
}
