package dev.stamp.manager.spec;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry of {@code Certificate.status.conditions}: {@code lastTransitionTime} is when {@code status} last changed,
 * {@code observedGeneration} the Certificate generation the condition was computed from.
 */
public record Condition(ConditionType type, ConditionStatus status, String reason, String message,
                        Instant lastTransitionTime, long observedGeneration) {
    public Condition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
    }
}
