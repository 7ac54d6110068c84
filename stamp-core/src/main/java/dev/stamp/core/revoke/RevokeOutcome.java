package dev.stamp.core.revoke;

/** What {@link RevocationStore#revoke} did: recorded the revocation, found one already, or found no such certificate. */
public sealed interface RevokeOutcome {
    record Revoked(Revocation revocation) implements RevokeOutcome {}
    record AlreadyRevoked(Revocation earlier) implements RevokeOutcome {}
    record NoCertificate() implements RevokeOutcome {}
}
