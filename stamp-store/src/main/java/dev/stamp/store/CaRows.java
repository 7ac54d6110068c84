package dev.stamp.store;

import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.OcspSigning;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.ca.UsageMode;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Maps a {@link CertificateAuthority} to a row of certificate_authorities and back, field for field. */
final class CaRows {
    /** Every column but ca_id and version, in the order {@link #bind} sets them. */
    private static final String[] FIELDS = {
        "ca_type", "status", "status_before_deletion", "usage_mode", "key_algorithm", "signing_algorithm",
        "subject", "subject_custom", "key_id", "csr_der", "certificate_der", "chain_der",
        "crl_enabled", "crl_expiration_days", "crl_custom_cname", "crl_omit_extension", "crl_partitioned",
        "ocsp_enabled", "ocsp_custom_cname", "ocsp_signing", "created_at", "last_state_change_at", "restorable_until",
    };

    static final String SELECT = "SELECT ca_id, " + String.join(", ", FIELDS) + ", version FROM certificate_authorities";

    /** Parameters: the fields, version, ca_id. */
    static final String INSERT = "INSERT INTO certificate_authorities (" + String.join(", ", FIELDS) + ", version, ca_id) VALUES ("
            + "?, ".repeat(FIELDS.length + 1) + "?) ON CONFLICT DO NOTHING";

    /** Parameters: the fields, new version, ca_id, expected stored version. */
    static final String UPDATE = "UPDATE certificate_authorities SET "
            + Arrays.stream(FIELDS).map(f -> f + " = ?").collect(Collectors.joining(", "))
            + ", version = ? WHERE ca_id = ? AND version = ?";

    private CaRows() {}

    /** Sets the fields, then version, then ca_id; returns the next parameter index. */
    static int bind(PreparedStatement s, CertificateAuthority ca) throws SQLException {
        RevocationConfiguration r = ca.revocation();
        int i = 1;
        s.setString(i++, ca.type().name());
        s.setString(i++, ca.status().name());
        s.setString(i++, ca.statusBeforeDeletion() == null ? null : ca.statusBeforeDeletion().name());
        s.setString(i++, ca.usageMode().name());
        s.setString(i++, ca.keyAlgorithm().name());
        s.setString(i++, ca.signingAlgorithm().name());
        s.setString(i++, Subjects.encode(ca.subject()));
        s.setBoolean(i++, Subjects.custom(ca.subject()));
        s.setString(i++, ca.keyId());
        s.setBytes(i++, Certificates.encode(ca.csr()));
        s.setBytes(i++, Certificates.encode(ca.certificate()));
        s.setBytes(i++, Certificates.encodeChain(ca.chain()));
        s.setBoolean(i++, r.crlEnabled());
        s.setInt(i++, r.crlExpirationInDays());
        s.setString(i++, r.crlCustomCname());
        s.setBoolean(i++, r.crlOmitExtension());
        s.setBoolean(i++, r.crlPartitioned());
        s.setBoolean(i++, r.ocspEnabled());
        s.setString(i++, r.ocspCustomCname());
        s.setString(i++, r.ocspSigning().name());
        s.setString(i++, Instants.encode(ca.createdAt()));
        s.setString(i++, Instants.encode(ca.lastStateChangeAt()));
        s.setString(i++, Instants.encode(ca.restorableUntil()));
        s.setLong(i++, ca.version());
        s.setString(i++, ca.id());
        return i;
    }

    static CertificateAuthority read(ResultSet rs) throws SQLException {
        String before = rs.getString("status_before_deletion");
        RevocationConfiguration revocation = new RevocationConfiguration(
                rs.getBoolean("crl_enabled"), rs.getInt("crl_expiration_days"), rs.getString("crl_custom_cname"),
                rs.getBoolean("crl_omit_extension"), rs.getBoolean("crl_partitioned"),
                rs.getBoolean("ocsp_enabled"), rs.getString("ocsp_custom_cname"), OcspSigning.valueOf(rs.getString("ocsp_signing")));
        return new CertificateAuthority(
                rs.getString("ca_id"),
                CaType.valueOf(rs.getString("ca_type")),
                CaStatus.valueOf(rs.getString("status")),
                before == null ? null : CaStatus.valueOf(before),
                UsageMode.valueOf(rs.getString("usage_mode")),
                KeyAlgorithm.valueOf(rs.getString("key_algorithm")),
                SigningAlgorithm.valueOf(rs.getString("signing_algorithm")),
                Subjects.decode(rs.getString("subject"), rs.getBoolean("subject_custom")),
                rs.getString("key_id"),
                Certificates.csr(rs.getBytes("csr_der")),
                Certificates.certificate(rs.getBytes("certificate_der")),
                Certificates.chain(rs.getBytes("chain_der")),
                revocation,
                Instants.decode(rs.getString("created_at")),
                Instants.decode(rs.getString("last_state_change_at")),
                Instants.decode(rs.getString("restorable_until")),
                rs.getLong("version"));
    }
}
