package dev.stamp.core.vault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Test double for the storage port: two maps, plus a dump of every byte it holds. */
final class InMemoryWrappedKeyStore implements WrappedKeyStore {
    private final Map<String, WrappedKey> keys = new ConcurrentHashMap<>();
    private final Map<String, String> settings = new ConcurrentHashMap<>();

    @Override public void put(WrappedKey key) { keys.put(key.keyId(), key); }

    @Override public Optional<WrappedKey> get(String keyId) { return Optional.ofNullable(keys.get(keyId)); }

    @Override public Optional<String> setting(String name) { return Optional.ofNullable(settings.get(name)); }

    @Override public void putSetting(String name, String value) {
        if (value == null) settings.remove(name); else settings.put(name, value);
    }

    /** Holds no sealed secrets (those live beside the access keys, in the database) and keeps no audit log. */
    @Override public synchronized Rekeyed rekey(Rekey rekey, dev.stamp.core.audit.AuditEvent event) {
        Map<String, WrappedKey> rewrapped = new java.util.HashMap<>();
        keys.forEach((id, key) -> rewrapped.put(id, rekey.rewrap(key))); // all or nothing: nothing written before here
        keys.putAll(rewrapped);
        rekey.settings().forEach(this::putSetting);
        return new Rekeyed(rewrapped.size(), 0);
    }

    Map<String, String> settings() { return Map.copyOf(settings); }

    /** Everything a database behind this port would see, concatenated. */
    byte[] allStoredBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keys.values().forEach(k -> {
            out.writeBytes(k.keyId().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(k.algorithm().name().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(k.publicKey());
            out.writeBytes(k.wrapped());
        });
        settings.forEach((name, value) -> {
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        });
        return out.toByteArray();
    }
}
