package dev.stamp.store;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.AuditReport;
import dev.stamp.core.ca.CaPermission;
import dev.stamp.core.ca.CaResourceStore;
import dev.stamp.core.ca.CreationClaim;
import dev.stamp.core.ca.CaTag;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** {@link CaResourceStore} over JDBC; every change commits with its audit event. Thread-safe. */
final class JdbcCaResourceStore implements CaResourceStore {
    private final Transactions tx;
    private final AuditLog audit;

    JdbcCaResourceStore(Transactions tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
    }

    /** Unwinds a transaction that must store nothing (the tag limit would be passed). */
    private static final class OverLimit extends RuntimeException {
        OverLimit() { super(null, null, false, false); }
    }

    @Override
    public List<CaTag> tags(String caId) {
        return tx.read("read tags", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT tag_key, tag_value FROM ca_tags WHERE ca_id = ? ORDER BY tag_key")) {
                s.setString(1, caId);
                try (ResultSet rs = s.executeQuery()) {
                    List<CaTag> out = new ArrayList<>();
                    while (rs.next()) out.add(new CaTag(rs.getString(1), rs.getString(2)));
                    return out;
                }
            }
        });
    }

    @Override
    public boolean addTags(String caId, List<CaTag> tags, int max, AuditEvent event) {
        try {
            return tx.write("tag CA " + caId, c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_tags (ca_id, tag_key, tag_value) VALUES (?, ?, ?) "
                        + "ON CONFLICT (ca_id, tag_key) DO UPDATE SET tag_value = excluded.tag_value")) {
                    for (CaTag t : tags) {
                        s.setString(1, caId);
                        s.setString(2, t.key());
                        s.setString(3, t.value());
                        s.executeUpdate();
                    }
                }
                if (count(c, "SELECT COUNT(*) FROM ca_tags WHERE ca_id = ?", caId) > max) throw new OverLimit();
                audit.append(c, event);
                return true;
            });
        } catch (OverLimit e) {
            return false;
        }
    }

    @Override
    public void removeTags(String caId, List<CaTag> tags, AuditEvent event) {
        tx.write("untag CA " + caId, c -> {
            try (PreparedStatement byKey = c.prepareStatement("DELETE FROM ca_tags WHERE ca_id = ? AND tag_key = ?");
                 PreparedStatement byValue = c.prepareStatement("DELETE FROM ca_tags WHERE ca_id = ? AND tag_key = ? AND tag_value = ?")) {
                for (CaTag t : tags) {
                    PreparedStatement s = t.value() == null ? byKey : byValue;
                    s.setString(1, caId);
                    s.setString(2, t.key());
                    if (t.value() != null) s.setString(3, t.value());
                    s.executeUpdate();
                }
            }
            audit.append(c, event);
            return null;
        });
    }

    @Override
    public Optional<String> policy(String caId) {
        return tx.read("read policy", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT policy FROM ca_policies WHERE ca_id = ?")) {
                s.setString(1, caId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean setPolicy(String caId, String policy, AuditEvent event) {
        return tx.write("set policy of CA " + caId, c -> {
            int rows;
            if (policy == null) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM ca_policies WHERE ca_id = ?")) {
                    s.setString(1, caId);
                    rows = s.executeUpdate();
                }
            } else {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_policies (ca_id, policy) VALUES (?, ?) "
                        + "ON CONFLICT (ca_id) DO UPDATE SET policy = excluded.policy")) {
                    s.setString(1, caId);
                    s.setString(2, policy);
                    rows = s.executeUpdate();
                }
            }
            if (rows > 0) audit.append(c, event);
            return rows > 0;
        });
    }

    @Override
    public List<CaPermission> permissions(String caId) {
        return tx.read("read permissions", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT principal, source_account, actions, created_at FROM ca_permissions "
                    + "WHERE ca_id = ? ORDER BY created_at, principal, source_account")) {
                s.setString(1, caId);
                try (ResultSet rs = s.executeQuery()) {
                    List<CaPermission> out = new ArrayList<>();
                    while (rs.next()) {
                        String account = rs.getString(2);
                        out.add(new CaPermission(rs.getString(1), account.isEmpty() ? null : account,
                                Arrays.asList(rs.getString(3).split(",")), Instants.decode(rs.getString(4))));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean addPermission(String caId, CaPermission p, AuditEvent event) {
        return tx.write("add permission to CA " + caId, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_permissions (ca_id, principal, source_account, actions, created_at) "
                    + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, caId);
                s.setString(2, p.principal());
                s.setString(3, p.sourceAccount() == null ? "" : p.sourceAccount());
                s.setString(4, String.join(",", p.actions()));
                s.setString(5, Instants.encode(p.createdAt()));
                if (s.executeUpdate() == 0) return false;
            }
            audit.append(c, event);
            return true;
        });
    }

    @Override
    public boolean removePermission(String caId, String principal, String sourceAccount, AuditEvent event) {
        return tx.write("remove permission from CA " + caId, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ca_permissions WHERE ca_id = ? AND principal = ? AND source_account = ?")) {
                s.setString(1, caId);
                s.setString(2, principal);
                s.setString(3, sourceAccount == null ? "" : sourceAccount);
                if (s.executeUpdate() == 0) return false;
            }
            audit.append(c, event);
            return true;
        });
    }

    /** A token's row holds the CA id "" from its claim until {@link #rememberCreation} records the CA. */
    private static final String PENDING = "";
    /** Each retry means another request changed the token's row between our statements; more than a few is a bug. */
    private static final int MAX_CLAIM_ATTEMPTS = 10;

    @Override
    public CreationClaim claimCreation(String token, Instant at, Instant since) {
        return tx.write("claim creation token", c -> {
            for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
                // The primary key decides between concurrent claimants, in this process or another.
                try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_create_tokens (token, ca_id, created_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (token) DO NOTHING")) {
                    s.setString(1, token);
                    s.setString(2, PENDING);
                    s.setString(3, Instants.encode(at));
                    if (s.executeUpdate() == 1) return new CreationClaim.Claimed();
                }
                String caId;
                String createdAt;
                try (PreparedStatement s = c.prepareStatement("SELECT ca_id, created_at FROM ca_create_tokens WHERE token = ?")) {
                    s.setString(1, token);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) continue; // released meanwhile: claim it on the next pass
                        caId = rs.getString(1);
                        createdAt = rs.getString(2);
                    }
                }
                if (!Instants.decode(createdAt).isBefore(since)) {
                    return caId.equals(PENDING) ? new CreationClaim.InProgress() : new CreationClaim.Created(caId);
                }
                // Out of the window: take the row over, unless another claimant just did.
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE ca_create_tokens SET ca_id = ?, created_at = ? WHERE token = ? AND created_at = ?")) {
                    s.setString(1, PENDING);
                    s.setString(2, Instants.encode(at));
                    s.setString(3, token);
                    s.setString(4, createdAt);
                    if (s.executeUpdate() == 1) return new CreationClaim.Claimed();
                }
            }
            throw new IllegalStateException("could not claim creation token " + token + " after " + MAX_CLAIM_ATTEMPTS
                    + " attempts: its row kept changing under it");
        });
    }

    @Override
    public void rememberCreation(String token, String caId, Instant at) {
        tx.write("remember creation token", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_create_tokens (token, ca_id, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT (token) DO UPDATE SET ca_id = excluded.ca_id, created_at = excluded.created_at")) {
                s.setString(1, token);
                s.setString(2, caId);
                s.setString(3, Instants.encode(at));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void releaseCreation(String token) {
        tx.write("release creation token", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM ca_create_tokens WHERE token = ? AND ca_id = ?")) {
                s.setString(1, token);
                s.setString(2, PENDING);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void saveReport(AuditReport r, AuditEvent event) {
        tx.write("save audit report " + r.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ca_audit_reports (ca_id, report_id, format, bucket, object_key, created_at, content) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.caId());
                s.setString(2, r.id());
                s.setString(3, r.format().name());
                s.setString(4, r.bucket());
                s.setString(5, r.key());
                s.setString(6, Instants.encode(r.createdAt()));
                s.setString(7, Base64.getEncoder().encodeToString(r.content()));
                s.executeUpdate();
            }
            audit.append(c, event);
            return null;
        });
    }

    @Override
    public Optional<AuditReport> report(String caId, String reportId) {
        return oneReport("SELECT " + REPORT + " FROM ca_audit_reports WHERE ca_id = ? AND report_id = ?", caId, reportId);
    }

    @Override
    public Optional<AuditReport> latestReport(String caId) {
        return oneReport("SELECT " + REPORT + " FROM ca_audit_reports WHERE ca_id = ? ORDER BY created_at DESC, report_id DESC LIMIT 1", caId, null);
    }

    private static final String REPORT = "ca_id, report_id, format, bucket, object_key, created_at, content";

    private Optional<AuditReport> oneReport(String sql, String caId, String reportId) {
        return tx.read("read audit report", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, caId);
                if (reportId != null) s.setString(2, reportId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new AuditReport(rs.getString(1), rs.getString(2), AuditReport.Format.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), Instants.decode(rs.getString(6)), Base64.getDecoder().decode(rs.getString(7))));
                }
            }
        });
    }

    private static long count(Connection c, String sql, String caId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, caId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
