package dev.stamp.store;

import dev.stamp.core.ocsp.DelegatedSigner;
import dev.stamp.core.ocsp.OcspSignerStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link OcspSignerStore} over JDBC (table ocsp_signers). The primary key (ca_id, generation) settles concurrent
 * rotations across processes: {@code ON CONFLICT DO NOTHING}, and the loser sees no row inserted. Thread-safe.
 */
final class JdbcOcspSignerStore implements OcspSignerStore {
    private final Transactions tx;

    JdbcOcspSignerStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<DelegatedSigner> current(String caId) {
        Objects.requireNonNull(caId, "caId");
        return tx.read("read the OCSP responder of CA " + caId, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT generation, key_id, serial, rotate_at, not_after FROM ocsp_signers "
                    + "WHERE ca_id = ? ORDER BY generation DESC LIMIT 1")) {
                s.setString(1, caId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new DelegatedSigner(caId, rs.getLong(1), rs.getString(2), Serials.decode(rs.getString(3)),
                            Instants.decode(rs.getString(4)), Instants.decode(rs.getString(5))));
                }
            }
        });
    }

    @Override
    public boolean add(DelegatedSigner signer) {
        Objects.requireNonNull(signer, "signer");
        return tx.write("record OCSP responder " + signer.generation() + " of CA " + signer.caId(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ocsp_signers (ca_id, generation, serial, key_id, rotate_at, not_after) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, signer.caId());
                s.setLong(2, signer.generation());
                s.setString(3, Serials.encode(signer.serial()));
                s.setString(4, signer.keyId());
                s.setString(5, Instants.encode(signer.rotateAt()));
                s.setString(6, Instants.encode(signer.notAfter()));
                return s.executeUpdate() == 1;
            }
        });
    }
}
