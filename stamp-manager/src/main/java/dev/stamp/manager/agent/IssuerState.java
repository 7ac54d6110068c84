package dev.stamp.manager.agent;

import java.time.Instant;
import java.util.Objects;

/** An issuer's Ready condition as the agent last checked it (for {@code stamp agent status}). */
public record IssuerState(String kind, String namespace, String name, boolean ready, String reason, String message,
                          Instant checked) {
    public IssuerState {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(checked, "checked");
        namespace = namespace == null ? "" : namespace;
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
    }
}
