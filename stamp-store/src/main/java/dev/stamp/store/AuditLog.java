package dev.stamp.store;

import dev.stamp.core.audit.AuditChain;
import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.AuditStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit chain's rows, used inside whatever write transaction the audited change runs in, so that a change
 * and its audit entry commit together or not at all. Thread-safe (stateless apart from the dialect).
 */
final class AuditLog {
    private static final String COLUMNS = "sequence, occurred_at, actor, action, ca_id, target, detail, previous_hash, hash";

    private final String lockHead;

    AuditLog(Dialect dialect) {
        // On PostgreSQL the head row stays locked until commit, so appenders in every process take turns.
        this.lockHead = "SELECT sequence, hash FROM audit_head WHERE head_id = 1" + dialect.lockHeadClause();
    }

    /** Appends within the caller's write transaction. */
    AuditEntry append(Connection c, AuditEvent event) throws SQLException {
        AuditEntry next = AuditChain.link(lockedLast(c), event);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, next.sequence());
            insert.setString(2, Instants.encode(event.at()));
            insert.setString(3, event.actor());
            insert.setString(4, event.action());
            insert.setString(5, event.caId());
            insert.setString(6, event.target());
            insert.setString(7, event.detail());
            insert.setString(8, next.previousHash());
            insert.setString(9, next.hash());
            insert.executeUpdate();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE audit_head SET sequence = ?, hash = ? WHERE head_id = 1")) {
            head.setLong(1, next.sequence());
            head.setString(2, next.hash());
            head.executeUpdate();
        }
        return next;
    }

    /**
     * The last entry (null before the first), refusing to extend a chain whose end no longer matches its head.
     * Two statements, not one join: under READ COMMITTED, a join that waited for the head lock would re-read the
     * head row but not the entry the previous holder had just committed.
     */
    private AuditEntry lockedLast(Connection c) throws SQLException {
        long headSequence;
        String headHash;
        try (PreparedStatement s = c.prepareStatement(lockHead); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("the audit head row is missing: the audit log was tampered with");
            headSequence = rs.getLong(1);
            headHash = rs.getString(2);
        }
        if (headSequence == 0) return null;
        AuditEntry last;
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log WHERE sequence = ?")) {
            s.setLong(1, headSequence);
            try (ResultSet rs = s.executeQuery()) {
                last = rs.next() ? entry(rs) : null;
            }
        }
        if (last == null || !last.hash().equals(headHash)) {
            throw new IllegalStateException("the audit head records entry " + headSequence + " but the log's entry "
                    + headSequence + (last == null ? " is missing" : " has another hash")
                    + ": the audit log was tampered with, so no entry is appended to it");
        }
        return last;
    }

    List<AuditEntry> entries(Connection c) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log ORDER BY sequence");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) entries.add(entry(rs));
        }
        return entries;
    }

    List<AuditEntry> page(Connection c, long afterSequence, int limit) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
            s.setLong(1, afterSequence);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) entries.add(entry(rs));
            }
        }
        return entries;
    }

    AuditStore.Head head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sequence, hash FROM audit_head WHERE head_id = 1");
             ResultSet rs = s.executeQuery()) {
            if (!rs.next()) throw new IllegalStateException("the audit head row is missing: the audit log was tampered with");
            return new AuditStore.Head(rs.getLong(1), rs.getString(2));
        }
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        AuditEvent event = new AuditEvent(Instants.decode(rs.getString("occurred_at")), rs.getString("actor"),
                rs.getString("action"), rs.getString("ca_id"), rs.getString("target"), rs.getString("detail"));
        return new AuditEntry(rs.getLong("sequence"), event, rs.getString("previous_hash"), rs.getString("hash"));
    }
}
