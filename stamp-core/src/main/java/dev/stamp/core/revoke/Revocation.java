package dev.stamp.core.revoke;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * One revoked certificate, as stored beside (never instead of) its issued record, keyed by (CA, serial).
 * {@code certificateNotAfter} is kept so that a CRL can drop the entry once the certificate has expired and
 * one more CRL has listed it; {@code partition} is the CRL partition the serial falls in ({@link CrlPartitions}).
 */
public record Revocation(String caId, BigInteger serial, RevocationReason reason, Instant revokedAt,
                         Instant certificateNotAfter, int partition, String actor) {
    public Revocation {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(certificateNotAfter, "certificateNotAfter");
        Objects.requireNonNull(actor, "actor");
        if (partition < 0 || partition >= CrlPartitions.COUNT) {
            throw new IllegalArgumentException("partition must be 0.." + (CrlPartitions.COUNT - 1) + ", not " + partition);
        }
    }

    /** The entry this revocation contributes to a CRL. */
    public CrlEntry entry() {
        return new CrlEntry(serial, revokedAt, reason);
    }
}
