package dev.stamp.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that changed: who did what to which CA and object, when, with a short detail.
 * Never carries a secret or a private key.
 */
public record AuditEvent(Instant at, String actor, String action, String caId, String target, String detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        caId = caId == null ? "" : caId;
        target = target == null ? "" : target;
        detail = detail == null ? "" : detail;
    }
}
