package dev.stamp.store;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.CertificateCursor;
import dev.stamp.core.store.CertificatePage;
import dev.stamp.core.store.CertificateQuery;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.store.ListedCertificate;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStore;
import dev.stamp.core.store.Reservation;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CertificateStore} over JDBC. Uniqueness of (CA, serial) and (CA, idempotency token) rests on the table's
 * unique constraints, so it holds across threads and across processes sharing one database. Thread-safe.
 */
final class JdbcCertificateStore implements CertificateStore {
    /** Each retry means another writer moved a row out of our way meanwhile; more than a few means a bug. */
    private static final int MAX_RESERVE_ATTEMPTS = 10;

    private final Transactions tx;
    private final AuditLog audit;

    JdbcCertificateStore(Transactions tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * Tries the insert first, so the common case is one statement and a commit; only when a unique constraint
     * stops it does it look at what is in the way. Whatever this transaction released (an expired token) stays
     * released even when it answers SerialTaken: the older holder had lost the token anyway.
     */
    @Override
    public Reservation reserve(CertificateRecord pending, String names, Instant tokenValidFrom) {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(names, "names");
        if (pending.state() != CertificateState.PENDING) {
            throw StampException.invalidArgument("only a PENDING record reserves a serial, not a " + pending.state() + " one");
        }
        String token = pending.idempotencyToken();
        if (token != null) Objects.requireNonNull(tokenValidFrom, "tokenValidFrom (the record carries an idempotency token)");
        // The intent need not reach the disk on its own: the durable recordIssued/recordFailed that always follows
        // flushes it, before anyone hears of the certificate. This saves one of the two disk flushes per issuance.
        return tx.writeDeferred("reserve serial " + pending.serialHex() + " of CA " + pending.caId(), c -> {
            for (int attempt = 0; attempt < MAX_RESERVE_ATTEMPTS; attempt++) {
                if (insert(c, pending, names)) return new Reservation.Reserved();
                if (token != null) {
                    Optional<CertificateRecord> holder = findByToken(c, pending.caId(), token);
                    if (holder.isPresent()) {
                        if (!holder.get().createdAt().isBefore(tokenValidFrom)) return new Reservation.TokenUsed(holder.get());
                        releaseToken(c, holder.get());
                        continue;
                    }
                }
                if (exists(c, pending.caId(), pending.serial())) return new Reservation.SerialTaken();
                // The row in the way was gone by the time we looked (another writer released it): try again.
            }
            throw new IllegalStateException("could not reserve serial " + pending.serialHex() + " of CA " + pending.caId()
                    + " after " + MAX_RESERVE_ATTEMPTS + " attempts: rows kept changing under it");
        });
    }

    @Override
    public void recordIssued(CertificateRecord issued, AuditEvent event) {
        Objects.requireNonNull(issued, "issued");
        Objects.requireNonNull(event, "event");
        if (issued.state() != CertificateState.ISSUED) {
            throw StampException.invalidArgument("recordIssued takes an ISSUED record, not a " + issued.state() + " one");
        }
        tx.write("record certificate " + issued.serialHex() + " of CA " + issued.caId() + " as issued", c -> {
            // The reserved row already holds everything else (names included, read from the same TBS): only the
            // state and the DER change, which spares parsing the certificate again and rewriting the indexed columns.
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE certificates SET state = ?, der = ? WHERE ca_id = ? AND serial = ? AND state = ?")) {
                s.setString(1, CertificateState.ISSUED.name());
                s.setBytes(2, issued.der());
                s.setString(3, issued.caId());
                s.setString(4, Serials.encode(issued.serial()));
                s.setString(5, CertificateState.PENDING.name());
                if (s.executeUpdate() == 0) throw notPending(c, issued.caId(), issued.serial());
            }
            audit.append(c, event);
            return null;
        });
    }

    @Override
    public void recordFailed(String caId, BigInteger serial, AuditEvent event) {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(event, "event");
        tx.write("record certificate " + Serials.encode(serial) + " of CA " + caId + " as failed", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE certificates SET state = ? WHERE ca_id = ? AND serial = ? AND state = ?")) {
                s.setString(1, CertificateState.FAILED.name());
                s.setString(2, caId);
                s.setString(3, Serials.encode(serial));
                s.setString(4, CertificateState.PENDING.name());
                if (s.executeUpdate() == 0) throw notPending(c, caId, serial);
            }
            audit.append(c, event);
            return null;
        });
    }

    @Override
    public Optional<CertificateRecord> find(String caId, BigInteger serial) {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(serial, "serial");
        return tx.read("find certificate " + Serials.encode(serial) + " of CA " + caId, c -> find(c, caId, serial));
    }

    @Override
    public List<CertificateRecord> list(String caId, int limit) {
        if (limit < 0) throw StampException.invalidArgument("a list limit cannot be negative, not " + limit);
        String where = caId == null ? "" : " WHERE ca_id = ?";
        return tx.read("list certificates", c -> {
            List<CertificateRecord> records = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    CertificateRows.SELECT + where + " ORDER BY created_at DESC, serial DESC LIMIT ?")) {
                int i = 1;
                if (caId != null) s.setString(i++, caId);
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) records.add(CertificateRows.read(rs));
                }
            }
            return records;
        });
    }

    @Override
    public CertificatePage query(CertificateQuery q) {
        Objects.requireNonNull(q, "query");
        StringBuilder sql = new StringBuilder("SELECT " + CertificateRows.QUALIFIED + ", r.serial AS revoked_serial FROM certificates c"
                + " LEFT JOIN revocations r ON r.ca_id = c.ca_id AND r.serial = c.serial WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (!q.caIds().isEmpty()) {
            sql.append(" AND c.ca_id IN (").append(String.join(", ", java.util.Collections.nCopies(q.caIds().size(), "?"))).append(")");
            args.addAll(q.caIds().stream().sorted().toList());
        }
        if (q.status() != null) {
            switch (q.status()) {
                case REVOKED -> sql.append(" AND r.serial IS NOT NULL");
                case ISSUED, EXPIRED -> {
                    sql.append(" AND r.serial IS NULL AND c.state = ? AND c.not_after ").append(q.status() == CertificateStatus.ISSUED ? ">" : "<=").append(" ?");
                    args.add(CertificateState.ISSUED.name());
                    args.add(Instants.encode(q.now()));
                }
                case PENDING, FAILED -> {
                    sql.append(" AND r.serial IS NULL AND c.state = ?");
                    args.add(q.status().name());
                }
            }
        }
        if (q.expiringBefore() != null) {
            sql.append(" AND c.not_after < ?");
            args.add(Instants.encode(q.expiringBefore()));
        }
        if (q.nameContains() != null) {
            // A bound LIKE pattern with its wildcards escaped: the filter is a plain substring, whatever it contains.
            sql.append(" AND COALESCE(NULLIF(c.names, ''), LOWER(c.subject)) LIKE ? ESCAPE '!'");
            args.add("%" + q.nameContains().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (q.after() != null) {
            sql.append(" AND (c.created_at, c.ca_id, c.serial) < (?, ?, ?)");
            args.add(Instants.encode(q.after().createdAt()));
            args.add(q.after().caId());
            args.add(Serials.encode(q.after().serial()));
        }
        sql.append(" ORDER BY c.created_at DESC, c.ca_id DESC, c.serial DESC LIMIT ?");
        return tx.read("list certificates", c -> {
            List<ListedCertificate> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                int i = 1;
                for (String arg : args) s.setString(i++, arg);
                s.setInt(i, q.limit() + 1); // one more than asked tells whether another page follows
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        CertificateRecord r = CertificateRows.read(rs);
                        boolean revoked = rs.getString("revoked_serial") != null;
                        items.add(new ListedCertificate(r, CertificateStatus.of(r.state(), revoked, r.notAfter(), q.now())));
                    }
                }
            }
            if (items.size() <= q.limit()) return new CertificatePage(items, null);
            List<ListedCertificate> page = items.subList(0, q.limit());
            return new CertificatePage(page, CertificateCursor.after(page.getLast().record()));
        });
    }

    @Override
    public long count(String caId) {
        String where = caId == null ? "" : " WHERE ca_id = ?";
        return tx.read("count certificates", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM certificates" + where)) {
                if (caId != null) s.setString(1, caId);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public long countUnrevokedExpiring(String caId, Instant after, Instant until) {
        return tx.read("count expiring certificates of CA " + caId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM certificates c WHERE c.ca_id = ? AND c.not_after > ?"
                    + " AND c.not_after <= ? AND c.state = ? AND NOT EXISTS (SELECT 1 FROM revocations r WHERE r.ca_id = c.ca_id AND r.serial = c.serial)")) {
                s.setString(1, caId);
                s.setString(2, Instants.encode(after));
                s.setString(3, Instants.encode(until));
                s.setString(4, CertificateState.ISSUED.name());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private boolean insert(Connection c, CertificateRecord pending, String names) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CertificateRows.INSERT)) {
            CertificateRows.bindInsert(s, pending, names);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            // Cheaper than looking the CA up before every insert: the foreign key does it.
            if (tx.dialect().isForeignKeyViolation(e)) throw StampException.notFound("CA " + pending.caId() + " does not exist");
            throw e;
        }
    }

    private static Optional<CertificateRecord> findByToken(Connection c, String caId, String token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CertificateRows.SELECT + " WHERE ca_id = ? AND idempotency_token = ?")) {
            s.setString(1, caId);
            s.setString(2, token);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(CertificateRows.read(rs)) : Optional.empty();
            }
        }
    }

    /** The holder keeps its certificate and loses only the token, and only if it still holds it. */
    private static void releaseToken(Connection c, CertificateRecord holder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE certificates SET idempotency_token = NULL "
                + "WHERE ca_id = ? AND serial = ? AND idempotency_token = ?")) {
            s.setString(1, holder.caId());
            s.setString(2, Serials.encode(holder.serial()));
            s.setString(3, holder.idempotencyToken());
            s.executeUpdate();
        }
    }

    private static boolean exists(Connection c, String caId, BigInteger serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM certificates WHERE ca_id = ? AND serial = ?")) {
            s.setString(1, caId);
            s.setString(2, Serials.encode(serial));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static Optional<CertificateRecord> find(Connection c, String caId, BigInteger serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CertificateRows.SELECT + " WHERE ca_id = ? AND serial = ?")) {
            s.setString(1, caId);
            s.setString(2, Serials.encode(serial));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(CertificateRows.read(rs)) : Optional.empty();
            }
        }
    }

    private static StampException notPending(Connection c, String caId, BigInteger serial) throws SQLException {
        return find(c, caId, serial)
                .map(r -> StampException.invalidState("certificate " + r.serialHex() + " of CA " + caId + " is "
                        + r.state() + ", not PENDING"))
                .orElseGet(() -> StampException.notFound("CA " + caId + " has no certificate with serial "
                        + Serials.encode(serial)));
    }
}
