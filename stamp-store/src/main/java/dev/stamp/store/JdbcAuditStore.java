package dev.stamp.store;

import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.AuditStore;

import java.util.List;
import java.util.Objects;

/** {@link AuditStore} over JDBC: each append is its own transaction, serialised on the head row. Thread-safe. */
final class JdbcAuditStore implements AuditStore {
    private final Transactions tx;
    private final AuditLog log;

    JdbcAuditStore(Transactions tx, AuditLog log) {
        this.tx = tx;
        this.log = log;
    }

    @Override
    public AuditEntry append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        return tx.write("append an audit entry", c -> log.append(c, event));
    }

    @Override
    public List<AuditEntry> entries() {
        return tx.read("read the audit log", log::entries);
    }

    @Override
    public List<AuditEntry> page(long afterSequence, int limit) {
        if (limit < 1) throw dev.stamp.core.StampException.invalidArgument("limit must be at least 1, not " + limit);
        return tx.read("read a page of the audit log", c -> log.page(c, afterSequence, limit));
    }

    @Override
    public Head head() {
        return tx.read("read the audit head", log::head);
    }
}
