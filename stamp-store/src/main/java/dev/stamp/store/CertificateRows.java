package dev.stamp.store;

import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps a {@link CertificateRecord} to a row of certificates and back. */
final class CertificateRows {
    private static final String COLUMNS =
            "ca_id, serial, state, template, subject, not_before, not_after, der, idempotency_token, created_at";

    static final String SELECT = "SELECT " + COLUMNS + " FROM certificates";

    /** The same columns qualified with {@code c.}, for queries that join the certificates table as c. */
    static final String QUALIFIED = "c." + COLUMNS.replace(", ", ", c.");

    static final String INSERT = "INSERT INTO certificates (" + COLUMNS + ", names) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            // Either unique constraint may stop it; the caller finds out which without aborting the transaction.
            + " ON CONFLICT DO NOTHING";

    private CertificateRows() {}

    static void bindInsert(PreparedStatement s, CertificateRecord r, String names) throws SQLException {
        s.setString(1, r.caId());
        s.setString(2, Serials.encode(r.serial()));
        s.setString(3, r.state().name());
        s.setString(4, r.template());
        s.setString(5, r.subject());
        s.setString(6, Instants.encode(r.notBefore()));
        s.setString(7, Instants.encode(r.notAfter()));
        s.setBytes(8, r.der());
        s.setString(9, r.idempotencyToken());
        s.setString(10, Instants.encode(r.createdAt()));
        s.setString(11, names);
    }

    static CertificateRecord read(ResultSet rs) throws SQLException {
        return new CertificateRecord(
                rs.getString("ca_id"),
                Serials.decode(rs.getString("serial")),
                CertificateState.valueOf(rs.getString("state")),
                rs.getString("template"),
                rs.getString("subject"),
                Instants.decode(rs.getString("not_before")),
                Instants.decode(rs.getString("not_after")),
                rs.getBytes("der"),
                rs.getString("idempotency_token"),
                Instants.decode(rs.getString("created_at")));
    }
}
