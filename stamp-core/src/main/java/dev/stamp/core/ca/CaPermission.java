package dev.stamp.core.ca;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A permission on a CA as AWS's Permission: a service principal allowed some actions, optionally for one source
 * account. Stamp stores and returns permissions; its own callers are authorised by token and access-key roles.
 */
public record CaPermission(String principal, String sourceAccount, List<String> actions, Instant createdAt) {
    public CaPermission {
        Objects.requireNonNull(principal, "principal");
        actions = List.copyOf(actions);
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
