package dev.stamp.store;

import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.vault.WrappedKey;
import dev.stamp.core.vault.WrappedKeyStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WrappedKeyStore} over JDBC. Holds ciphertext and public keys only; nothing here is logged, and error
 * messages name a key by its id. {@link #put} replaces a key of the same id (the vault chooses fresh ids, so a
 * replacement is a deliberate re-wrap). Thread-safe.
 */
final class JdbcWrappedKeyStore implements WrappedKeyStore {
    private final Transactions tx;

    JdbcWrappedKeyStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void put(WrappedKey key) {
        Objects.requireNonNull(key, "key");
        tx.write("store wrapped key " + key.keyId(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO wrapped_keys (key_id, algorithm, public_key, wrapped) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (key_id) DO UPDATE SET algorithm = excluded.algorithm, "
                    + "public_key = excluded.public_key, wrapped = excluded.wrapped")) {
                s.setString(1, key.keyId());
                s.setString(2, key.algorithm().name());
                s.setBytes(3, key.publicKey());
                s.setBytes(4, key.wrapped());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<WrappedKey> get(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return tx.read("read wrapped key " + keyId, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT algorithm, public_key, wrapped FROM wrapped_keys WHERE key_id = ?")) {
                s.setString(1, keyId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    return Optional.of(new WrappedKey(keyId, KeyAlgorithm.valueOf(rs.getString(1)), rs.getBytes(2), rs.getBytes(3)));
                }
            }
        });
    }

    @Override
    public Optional<String> setting(String name) {
        Objects.requireNonNull(name, "name");
        return tx.read("read vault setting " + name, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT value FROM vault_settings WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** A null value deletes the setting. */
    @Override
    public void putSetting(String name, String value) {
        Objects.requireNonNull(name, "name");
        tx.write("store vault setting " + name, c -> {
            String sql = value == null
                    ? "DELETE FROM vault_settings WHERE name = ?"
                    : "INSERT INTO vault_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, name);
                if (value != null) s.setString(2, value);
                s.executeUpdate();
            }
            return null;
        });
    }
}
