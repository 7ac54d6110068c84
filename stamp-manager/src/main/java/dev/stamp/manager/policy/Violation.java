package dev.stamp.manager.policy;

import java.util.Objects;

/** A failed policy check: cert-manager's reason and its human-readable message. */
public record Violation(Reason reason, String message) {
    public Violation {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
