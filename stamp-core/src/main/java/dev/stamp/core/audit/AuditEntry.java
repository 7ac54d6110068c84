package dev.stamp.core.audit;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One link of the audit chain: the event, its position, the previous entry's hash and its own hash.
 * The hash covers everything else in the entry, so a change to any field, an inserted entry or a
 * removed one breaks the chain at that point.
 */
public record AuditEntry(long sequence, AuditEvent event, String previousHash, String hash) {
    public AuditEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(hash, "hash");
    }

    /** The hash before the first entry: 64 zeros. */
    public static final String GENESIS = HexFormat.of().formatHex(new byte[32]);
}
