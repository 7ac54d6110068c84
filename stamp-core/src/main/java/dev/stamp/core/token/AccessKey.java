package dev.stamp.core.token;

import dev.stamp.core.StampException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An AWS-style access key pair for the AWS-compatible API (SigV4), bound to a role like an {@link ApiToken}. The
 * secret access key is kept only sealed by the key vault ({@code sealedSecret}), because checking a SigV4 signature
 * needs the secret itself; it is shown once at creation and never logged.
 *
 * @param id the access key id, {@code SKIA} and 16 uppercase base32 characters
 */
public record AccessKey(String id, String name, Role role, List<String> caIds, byte[] sealedSecret, Instant createdAt, Instant revokedAt) {
    public AccessKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
        Objects.requireNonNull(createdAt, "createdAt");
        caIds = List.copyOf(caIds);
        sealedSecret = sealedSecret.clone();
        if (role == Role.ISSUER && caIds.isEmpty()) throw StampException.invalidArgument("an issuer access key needs at least one CA");
        if (role != Role.ISSUER && !caIds.isEmpty()) throw StampException.invalidArgument("only issuer access keys name CAs, not " + role);
    }

    @Override public byte[] sealedSecret() { return sealedSecret.clone(); }

    public boolean revoked() {
        return revokedAt != null;
    }

    public AccessKey revokedAt(Instant at) {
        return new AccessKey(id, name, role, caIds, sealedSecret, createdAt, at);
    }

    /** The same role and CAs as an API token, for the authorisation rules both share. */
    public ApiToken asToken() {
        return new ApiToken(id, name, role, caIds, "sigv4:" + id, createdAt, revokedAt, null);
    }

    @Override public String toString() {
        return "AccessKey[" + id + ", " + name + ", " + role + ", " + caIds + (revoked() ? ", revoked " + revokedAt : "") + "]";
    }

    @Override public boolean equals(Object o) {
        return o instanceof AccessKey k && k.id.equals(id) && k.name.equals(name) && k.role == role && k.caIds.equals(caIds)
                && java.util.Arrays.equals(k.sealedSecret, sealedSecret) && k.createdAt.equals(createdAt) && Objects.equals(k.revokedAt, revokedAt);
    }

    @Override public int hashCode() {
        return Objects.hash(id, createdAt);
    }
}
