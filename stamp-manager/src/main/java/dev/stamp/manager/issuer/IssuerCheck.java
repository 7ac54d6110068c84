package dev.stamp.manager.issuer;

import java.util.Objects;

/**
 * The issuer's {@code Ready} condition after a check: ready or not, with cert-manager's (or aws-privateca-issuer's)
 * reason and a message for {@code status.conditions}.
 */
public record IssuerCheck(boolean ready, String reason, String message) {
    public IssuerCheck {
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    public static IssuerCheck ready(String reason, String message) {
        return new IssuerCheck(true, reason, message);
    }

    public static IssuerCheck notReady(String reason, String message) {
        return new IssuerCheck(false, reason, message);
    }
}
