package dev.stamp.core.revoke;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/** One revokedCertificates entry of a CRL: the serial, when it was revoked, and why. */
public record CrlEntry(BigInteger serial, Instant revokedAt, RevocationReason reason) {
    public CrlEntry {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
