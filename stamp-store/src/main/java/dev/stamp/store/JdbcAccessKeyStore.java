package dev.stamp.store;

import dev.stamp.core.StampException;
import dev.stamp.core.token.AccessKey;
import dev.stamp.core.token.AccessKeyStore;
import dev.stamp.core.token.Role;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link AccessKeyStore} over JDBC: secrets only as the key vault sealed them (base64). Thread-safe. */
final class JdbcAccessKeyStore implements AccessKeyStore {
    private static final String COLUMNS = "access_key_id, name, role, ca_ids, sealed_secret, created_at, revoked_at";
    private final Transactions tx;

    JdbcAccessKeyStore(Transactions tx) {
        this.tx = tx;
    }

    /** How a sealed secret is kept in its column; the vault's re-key ({@link JdbcWrappedKeyStore#rekey}) rewrites it. */
    static String encodeSecret(byte[] sealed) {
        return Base64.getEncoder().encodeToString(sealed);
    }

    static byte[] decodeSecret(String column) {
        return Base64.getDecoder().decode(column);
    }

    @Override
    public void insert(AccessKey key) {
        Objects.requireNonNull(key, "key");
        int rows = tx.write("store access key " + key.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO aws_access_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, key.id());
                s.setString(2, key.name());
                s.setString(3, key.role().name());
                s.setString(4, CaIds.encode(key.caIds()));
                s.setString(5, encodeSecret(key.sealedSecret()));
                s.setString(6, Instants.encode(key.createdAt()));
                s.setString(7, Instants.encode(key.revokedAt()));
                return s.executeUpdate();
            }
        });
        if (rows == 0) throw StampException.conflict("an access key with id " + key.id() + " exists already");
    }

    @Override
    public Optional<AccessKey> find(String id) {
        Objects.requireNonNull(id, "id");
        return tx.read("read access key", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM aws_access_keys WHERE access_key_id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(key(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<AccessKey> list() {
        return tx.read("list access keys", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM aws_access_keys ORDER BY created_at, access_key_id");
                 ResultSet rs = s.executeQuery()) {
                List<AccessKey> out = new ArrayList<>();
                while (rs.next()) out.add(key(rs));
                return out;
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return tx.write("revoke access key " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE aws_access_keys SET revoked_at = ? WHERE access_key_id = ? AND revoked_at IS NULL")) {
                s.setString(1, Instants.encode(at));
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static AccessKey key(ResultSet rs) throws SQLException {
        return new AccessKey(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                CaIds.decode(rs.getString(4)), decodeSecret(rs.getString(5)),
                Instants.decode(rs.getString(6)), Instants.decode(rs.getString(7)));
    }
}
