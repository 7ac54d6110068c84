package dev.stamp.core.store;

import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.audit.AuditEvent;

import java.util.List;

/**
 * Storage port for the append-only audit chain. Appends are serialised on the chain's head
 * (a lock that also holds across processes sharing one database) and linked with
 * {@link dev.stamp.core.audit.AuditChain#link}. Thread-safe.
 */
public interface AuditStore {

    AuditEntry append(AuditEvent event);

    /** All entries in sequence order. */
    List<AuditEntry> entries();

    /** At most {@code limit} entries with a sequence number above {@code afterSequence}, in sequence order. */
    List<AuditEntry> page(long afterSequence, int limit);

    /** The head as recorded beside the entries: the last sequence number and its hash (0 and GENESIS when empty). */
    Head head();

    record Head(long sequence, String hash) {}
}
