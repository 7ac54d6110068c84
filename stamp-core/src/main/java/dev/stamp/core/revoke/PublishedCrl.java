package dev.stamp.core.revoke;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed CRL as published: its CA, partition ({@link CrlPartitions#WHOLE} for a complete CRL), CRL number,
 * thisUpdate (the exact instant it was built; the DER carries it to the second), nextUpdate, number of entries and
 * DER encoding. Immutable.
 */
public record PublishedCrl(String caId, int partition, long number, Instant thisUpdate, Instant nextUpdate,
                           long entries, byte[] der) {
    public PublishedCrl {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(thisUpdate, "thisUpdate");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Objects.requireNonNull(der, "der");
    }

    /** The DER bytes; not copied, as a CRL can be tens of megabytes: callers must not modify them. */
    @Override public byte[] der() { return der; }
}
