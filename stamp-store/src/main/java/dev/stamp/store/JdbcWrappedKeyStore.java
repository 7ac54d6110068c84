package dev.stamp.store;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.vault.WrappedKey;
import dev.stamp.core.vault.WrappedKeyStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link WrappedKeyStore} over JDBC. Holds ciphertext and public keys only; nothing here is logged, and error
 * messages name a key by its id. {@link #put} replaces a key of the same id (the vault chooses fresh ids, so a
 * replacement is a deliberate re-wrap). Thread-safe.
 */
final class JdbcWrappedKeyStore implements WrappedKeyStore {
    private final Transactions tx;
    private final AuditLog audit;

    JdbcWrappedKeyStore(Transactions tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
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

    /**
     * Reads every row first and writes after, inside one write transaction (SQLite's single writer, or PostgreSQL's
     * row locks taken by the updates), so a key stored meanwhile by another process is either re-wrapped or waits.
     */
    @Override
    public Rekeyed rekey(Rekey rekey, AuditEvent event) {
        Objects.requireNonNull(rekey, "rekey");
        Objects.requireNonNull(event, "event");
        return tx.write("re-key the key vault", c -> {
            List<WrappedKey> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT key_id, algorithm, public_key, wrapped FROM wrapped_keys ORDER BY key_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) keys.add(new WrappedKey(rs.getString(1), KeyAlgorithm.valueOf(rs.getString(2)), rs.getBytes(3), rs.getBytes(4)));
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE wrapped_keys SET wrapped = ? WHERE key_id = ?")) {
                for (WrappedKey key : keys) {
                    WrappedKey rewrapped = rekey.rewrap(key);
                    s.setBytes(1, rewrapped.wrapped());
                    s.setString(2, key.keyId());
                    s.executeUpdate();
                }
            }
            Map<String, String> secrets = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT access_key_id, sealed_secret FROM aws_access_keys ORDER BY access_key_id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) secrets.put(rs.getString(1), rs.getString(2));
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE aws_access_keys SET sealed_secret = ? WHERE access_key_id = ?")) {
                for (Map.Entry<String, String> e : secrets.entrySet()) {
                    byte[] resealed = rekey.reseal(JdbcAccessKeyStore.decodeSecret(e.getValue()), e.getKey());
                    s.setString(1, JdbcAccessKeyStore.encodeSecret(resealed));
                    s.setString(2, e.getKey());
                    s.executeUpdate();
                }
            }
            for (Map.Entry<String, String> e : rekey.settings().entrySet()) writeSetting(c, e.getKey(), e.getValue());
            audit.append(c, event);
            return new Rekeyed(keys.size(), secrets.size());
        });
    }

    /** A null value deletes the setting. */
    @Override
    public void putSetting(String name, String value) {
        Objects.requireNonNull(name, "name");
        tx.write("store vault setting " + name, c -> {
            writeSetting(c, name, value);
            return null;
        });
    }

    private static void writeSetting(Connection c, String name, String value) throws SQLException {
        String sql = value == null
                ? "DELETE FROM vault_settings WHERE name = ?"
                : "INSERT INTO vault_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, name);
            if (value != null) s.setString(2, value);
            s.executeUpdate();
        }
    }
}
