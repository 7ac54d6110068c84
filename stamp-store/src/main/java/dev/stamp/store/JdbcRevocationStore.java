package dev.stamp.store;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.revoke.CrlEntry;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.revoke.RevocationStore;
import dev.stamp.core.revoke.RevokeOutcome;

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
import java.util.function.Consumer;

/**
 * {@link RevocationStore} over JDBC. One revocation per (CA, serial) rests on the primary key; one CRL publisher per
 * CA on the CA's {@code crl_numbers} row, locked for the whole publication (FOR UPDATE on PostgreSQL; on SQLite the
 * publication's write transaction holds the database's one write lock). So across processes on one database, the
 * CRL number only grows and never names two CRLs. Thread-safe.
 */
final class JdbcRevocationStore implements RevocationStore {
    private static final String COLUMNS = "ca_id, serial, crl_partition, reason, revoked_at, not_after, actor";
    /** Rows fetched per round trip while streaming entries (PostgreSQL streams only with a fetch size in a transaction). */
    private static final int FETCH_SIZE = 10_000;

    private final Transactions tx;
    private final AuditLog audit;

    JdbcRevocationStore(Transactions tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
    }

    /**
     * Looks, then inserts. Two processes on PostgreSQL may both look before either inserts; the primary key then
     * stops the second, whose transaction rolls back, and it answers with the revocation that won.
     */
    @Override
    public RevokeOutcome revoke(Revocation r, AuditEvent event) {
        Objects.requireNonNull(r, "revocation");
        Objects.requireNonNull(event, "event");
        try {
            return tx.write("revoke certificate " + Serials.encode(r.serial()) + " of CA " + r.caId(), c -> {
                Optional<Revocation> earlier = find(c, r.caId(), r.serial());
                if (earlier.isPresent()) return new RevokeOutcome.AlreadyRevoked(earlier.get());
                Revocation stored = afterLatestCrl(c, r);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO revocations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, r.caId());
                    s.setString(2, Serials.encode(r.serial()));
                    s.setInt(3, r.partition());
                    s.setString(4, r.reason().name());
                    s.setString(5, Instants.encode(stored.revokedAt()));
                    s.setString(6, Instants.encode(r.certificateNotAfter()));
                    s.setString(7, r.actor());
                    s.executeUpdate();
                } catch (SQLException e) {
                    if (tx.dialect().isForeignKeyViolation(e)) return new RevokeOutcome.NoCertificate();
                    if (tx.dialect().isUniqueViolation(e)) throw new Collided(e);
                    throw e;
                }
                audit.append(c, event);
                return new RevokeOutcome.Revoked(stored);
            });
        } catch (Collided e) {
            return find(r.caId(), r.serial()).<RevokeOutcome>map(RevokeOutcome.AlreadyRevoked::new)
                    .orElseThrow(() -> new IllegalStateException("a concurrent revocation of " + Serials.encode(r.serial())
                            + " of CA " + r.caId() + " collided with this one and then vanished", e));
        }
    }

    /**
     * A revocation that commits after a CRL was built must read as newer than that CRL, or {@code revokedSince} would
     * miss it: its time was taken before its transaction waited for the write lock, possibly before the CRL's build.
     * So it waits for any publication of its CA in progress (the CRL-number row's lock, shared here) and is dated
     * at least a microsecond after the CA's latest CRL. The shift is below the CRL's one-second resolution.
     */
    private Revocation afterLatestCrl(Connection c, Revocation r) throws SQLException {
        if (tx.dialect() == Dialect.POSTGRESQL) {
            try (PreparedStatement s = c.prepareStatement("SELECT last_number FROM crl_numbers WHERE ca_id = ? FOR SHARE")) {
                s.setString(1, r.caId());
                s.executeQuery().close();
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT MAX(this_update) FROM crls WHERE ca_id = ?")) {
            s.setString(1, r.caId());
            try (ResultSet rs = s.executeQuery()) {
                String latest = rs.next() ? rs.getString(1) : null;
                if (latest == null) return r;
                Instant built = Instants.decode(latest);
                if (r.revokedAt().isAfter(built)) return r;
                return new Revocation(r.caId(), r.serial(), r.reason(), built.plusNanos(1_000), r.certificateNotAfter(), r.partition(), r.actor());
            }
        }
    }

    /** The revocation lost a race to another one of the same certificate; unwinds its transaction. */
    private static final class Collided extends RuntimeException {
        Collided(SQLException cause) { super(cause); }
    }

    @Override
    public Optional<Revocation> find(String caId, BigInteger serial) {
        return tx.read("find revocation " + Serials.encode(serial) + " of CA " + caId, c -> find(c, caId, serial));
    }

    @Override
    public boolean revokedSince(String caId, int partition, Instant since) {
        String scope = partition == CrlPartitions.WHOLE ? "" : " AND crl_partition = ?";
        return tx.read("look for revocations of CA " + caId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM revocations WHERE ca_id = ? AND revoked_at >= ?" + scope + " LIMIT 1")) {
                s.setString(1, caId);
                s.setString(2, Instants.encode(since));
                if (partition != CrlPartitions.WHOLE) s.setInt(3, partition);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Served by the index revocations_recorded (migration V5), so a watcher polling every second reads only new rows. */
    @Override
    public List<Revocation> revokedFrom(Instant since, int limit) {
        Objects.requireNonNull(since, "since");
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        return tx.read("list revocations since " + since, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM revocations WHERE revoked_at >= ? "
                    + "ORDER BY revoked_at, ca_id, serial LIMIT ?")) {
                s.setString(1, Instants.encode(since));
                s.setInt(2, limit);
                List<Revocation> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) found.add(row(rs));
                }
                return found;
            }
        });
    }

    @Override
    public Optional<PublishedCrl> latest(String caId, int partition) {
        return tx.read("read the latest CRL of CA " + caId, c -> latest(c, caId, partition));
    }

    @Override
    public PublishedCrl publish(String caId, int partition, CrlWriter writer) {
        Objects.requireNonNull(writer, "writer");
        return tx.write("publish a CRL of CA " + caId, c -> {
            long last = lockNumber(c, caId);
            Optional<Instant> previous = previousThisUpdate(c, caId, partition);
            PublishedCrl crl = writer.write(last + 1, previous, (cutoff, sink) -> stream(c, caId, partition, cutoff, sink));
            if (crl.number() != last + 1 || !crl.caId().equals(caId) || crl.partition() != partition) {
                throw new IllegalStateException("the CRL writer returned CRL " + crl.number() + " of " + crl.caId() + "/"
                        + crl.partition() + " for number " + (last + 1) + " of " + caId + "/" + partition);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE crl_numbers SET last_number = ? WHERE ca_id = ?")) {
                s.setLong(1, crl.number());
                s.setString(2, caId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM crls WHERE ca_id = ? AND crl_partition = ?")) {
                s.setString(1, caId);
                s.setInt(2, partition);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO crls (ca_id, crl_partition, crl_number, this_update, "
                    + "next_update, entries, der) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, caId);
                s.setInt(2, partition);
                s.setLong(3, crl.number());
                s.setString(4, Instants.encode(crl.thisUpdate()));
                s.setString(5, Instants.encode(crl.nextUpdate()));
                s.setLong(6, crl.entries());
                s.setBytes(7, crl.der());
                s.executeUpdate();
            }
            return crl;
        });
    }

    /** Takes the CA's CRL-number row (creating it at 0 the first time) and holds it until commit. */
    private long lockNumber(Connection c, String caId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO crl_numbers (ca_id, last_number) VALUES (?, 0) ON CONFLICT (ca_id) DO NOTHING")) {
            s.setString(1, caId);
            s.executeUpdate();
        } catch (SQLException e) {
            if (tx.dialect().isForeignKeyViolation(e)) throw dev.stamp.core.StampException.notFound("CA " + caId + " does not exist");
            throw e;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT last_number FROM crl_numbers WHERE ca_id = ?" + tx.dialect().lockHeadClause())) {
            s.setString(1, caId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void stream(Connection c, String caId, int partition, Instant cutoff, Consumer<CrlEntry> sink) {
        String scope = partition == CrlPartitions.WHOLE ? "" : " AND crl_partition = ?";
        try (PreparedStatement s = c.prepareStatement(
                "SELECT serial, revoked_at, reason FROM revocations WHERE ca_id = ?" + scope + " AND not_after >= ?")) {
            s.setFetchSize(FETCH_SIZE);
            int i = 1;
            s.setString(i++, caId);
            if (partition != CrlPartitions.WHOLE) s.setInt(i++, partition);
            s.setString(i, Instants.encode(cutoff));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new CrlEntry(Serials.decode(rs.getString(1)), Instants.decode(rs.getString(2)),
                            RevocationReason.valueOf(rs.getString(3))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("failed to read the revocations of CA " + caId + ": " + e.getMessage(), e);
        }
    }

    /** Without the DER: a large CRL is tens of megabytes that publishing does not need. */
    private static Optional<Instant> previousThisUpdate(Connection c, String caId, int partition) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT this_update FROM crls WHERE ca_id = ? AND crl_partition = ?")) {
            s.setString(1, caId);
            s.setInt(2, partition);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Instants.decode(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static Optional<PublishedCrl> latest(Connection c, String caId, int partition) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT crl_number, this_update, next_update, entries, der FROM crls "
                + "WHERE ca_id = ? AND crl_partition = ?")) {
            s.setString(1, caId);
            s.setInt(2, partition);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new PublishedCrl(caId, partition, rs.getLong(1), Instants.decode(rs.getString(2)),
                        Instants.decode(rs.getString(3)), rs.getLong(4), rs.getBytes(5)));
            }
        }
    }

    private static Optional<Revocation> find(Connection c, String caId, BigInteger serial) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM revocations WHERE ca_id = ? AND serial = ?")) {
            s.setString(1, caId);
            s.setString(2, Serials.encode(serial));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** A revocation from a row selected with {@link #COLUMNS}. */
    private static Revocation row(ResultSet rs) throws SQLException {
        return new Revocation(rs.getString(1), Serials.decode(rs.getString(2)), RevocationReason.valueOf(rs.getString(4)),
                Instants.decode(rs.getString(5)), Instants.decode(rs.getString(6)), rs.getInt(3), rs.getString(7));
    }
}
