package dev.stamp.store;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.store.CaStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link CaStore} over JDBC, with optimistic locking on the version column. Thread-safe. */
final class JdbcCaStore implements CaStore {
    private final Transactions tx;
    private final AuditLog audit;
    /**
     * CAs as last parsed, by id. Parsing a row (CSR, certificate, chain) cost more than the rest of a lookup, and it
     * is redone for every issuance; every change of a row raises its version (optimistic locking), so a lookup reads
     * only the version and parses again only when it moved: exact across processes sharing the database.
     */
    private final ConcurrentHashMap<String, CertificateAuthority> parsed = new ConcurrentHashMap<>();

    JdbcCaStore(Transactions tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public void insert(CertificateAuthority ca, AuditEvent event) {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(event, "event");
        tx.write("insert CA " + ca.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(CaRows.INSERT)) {
                CaRows.bind(s, ca);
                // ON CONFLICT DO NOTHING: a duplicate leaves the transaction usable on PostgreSQL.
                if (s.executeUpdate() == 0) throw StampException.conflict("a CA with id " + ca.id() + " exists already");
            }
            audit.append(c, event);
            return null;
        });
    }

    @Override
    public void update(CertificateAuthority ca, AuditEvent event) {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(event, "event");
        tx.write("update CA " + ca.id(), c -> {
            try (PreparedStatement s = c.prepareStatement(CaRows.UPDATE)) {
                int next = CaRows.bind(s, ca);
                s.setLong(next, ca.version() - 1);
                if (s.executeUpdate() == 0) throw whyNotUpdated(c, ca);
            }
            audit.append(c, event);
            return null;
        });
    }

    private static StampException whyNotUpdated(Connection c, CertificateAuthority ca) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM certificate_authorities WHERE ca_id = ?")) {
            s.setString(1, ca.id());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return StampException.notFound("CA " + ca.id() + " does not exist");
                return StampException.conflict("CA " + ca.id() + " was changed by another writer: it is at version "
                        + rs.getLong(1) + ", this change was made from version " + (ca.version() - 1));
            }
        }
    }

    @Override
    public Optional<CertificateAuthority> find(String id) {
        Objects.requireNonNull(id, "id");
        return tx.read("find CA " + id, c -> {
            CertificateAuthority known = parsed.get(id);
            if (known != null) {
                try (PreparedStatement s = c.prepareStatement("SELECT version FROM certificate_authorities WHERE ca_id = ?")) {
                    s.setString(1, id);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            parsed.remove(id, known);
                            return Optional.empty();
                        }
                        if (rs.getLong(1) == known.version()) return Optional.of(known);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(CaRows.SELECT + " WHERE ca_id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    CertificateAuthority ca = CaRows.read(rs);
                    parsed.put(id, ca);
                    return Optional.of(ca);
                }
            }
        });
    }

    @Override
    public List<CertificateAuthority> list() {
        return tx.read("list CAs", c -> {
            List<CertificateAuthority> cas = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(CaRows.SELECT + " ORDER BY created_at, ca_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) cas.add(CaRows.read(rs));
            }
            return cas;
        });
    }
}
