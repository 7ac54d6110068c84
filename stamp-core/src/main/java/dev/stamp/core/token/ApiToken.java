package dev.stamp.core.token;

import dev.stamp.core.StampException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored API token: never the secret, only its SHA-256 ({@code hash}, lowercase hex).
 *
 * @param caIds the CAs an {@link Role#ISSUER} may use; empty for the other roles
 * @param revokedAt null until the token is revoked
 * @param expiresAt null for a token that does not expire
 */
public record ApiToken(String id, String name, Role role, List<String> caIds, String hash, Instant createdAt, Instant revokedAt,
                       Instant expiresAt) {
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        caIds = List.copyOf(caIds);
        if (role == Role.ISSUER && caIds.isEmpty()) throw StampException.invalidArgument("an issuer token needs at least one CA");
        if (role != Role.ISSUER && !caIds.isEmpty()) throw StampException.invalidArgument("only issuer tokens name CAs, not " + role);
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean validAt(Instant now) {
        return !revoked() && !expired(now);
    }

    /** May this token issue from, or read, the CA? Admins and auditors see every CA; issuers their own. */
    public boolean covers(String caId) {
        return role != Role.ISSUER || caIds.contains(caId);
    }

    public ApiToken revokedAt(Instant at) {
        return new ApiToken(id, name, role, caIds, hash, createdAt, at, expiresAt);
    }
}
