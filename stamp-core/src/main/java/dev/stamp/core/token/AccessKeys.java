package dev.stamp.core.token;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.vault.KeyVault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates, looks up and revokes AWS access key pairs. The secret (40 characters, 240 random bits, AWS's shape) is
 * sealed by the key vault with the access key id as context before it is stored, and shown once.
 */
public final class AccessKeys {
    private static final String ID_PREFIX = "SKIA";
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    private static final int MAX_NAME = 128;

    private final AccessKeyStore store;
    private final KeyVault vault;
    private final AuditStore audit;
    private final InstantSource clock;
    private final SecureRandom random;

    public AccessKeys(AccessKeyStore store, KeyVault vault, AuditStore audit, InstantSource clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new key pair; the secret exists nowhere else in the clear: show it once. */
    public record Created(AccessKey key, String secretAccessKey) {
        @Override public String toString() { return "Created[" + key + "]"; } // keep the secret out of logs
    }

    public Created create(Role role, List<String> caIds, String name, String actor) {
        Objects.requireNonNull(role, "role");
        String label = name == null || name.isBlank() ? "aws " + role.name().toLowerCase(Locale.ROOT) : name.strip();
        if (label.length() > MAX_NAME) throw StampException.invalidArgument("an access key name has at most " + MAX_NAME + " characters");
        StringBuilder id = new StringBuilder(ID_PREFIX);
        for (int i = 0; i < 16; i++) id.append(BASE32[random.nextInt(BASE32.length)]);
        byte[] raw = new byte[30];
        random.nextBytes(raw);
        String secret = Base64.getEncoder().encodeToString(raw); // 40 characters, like AWS's
        byte[] secretBytes = secret.getBytes(StandardCharsets.US_ASCII);
        byte[] sealed;
        try {
            sealed = vault.seal(secretBytes, id.toString());
        } finally {
            Arrays.fill(secretBytes, (byte) 0);
            Arrays.fill(raw, (byte) 0);
        }
        AccessKey key = new AccessKey(id.toString(), label, role, caIds == null ? List.of() : caIds, sealed, clock.instant(), null);
        store.insert(key);
        audit.append(new AuditEvent(clock.instant(), actor(actor), "accesskey.create", "", key.id(), role + " " + label));
        return new Created(key, secret);
    }

    /** The valid (not revoked) access key with this id. */
    public Optional<AccessKey> find(String id) {
        if (id == null || id.length() > 128) return Optional.empty();
        return store.find(id).filter(k -> !k.revoked());
    }

    /** The secret of a valid access key, for checking one signature; the caller wipes the array. */
    public Optional<byte[]> secret(String id) {
        return find(id).map(this::secretOf);
    }

    /** The secret of {@code key} (as {@link #find} returned it), unsealed by the vault; the caller wipes the array. */
    public byte[] secretOf(AccessKey key) {
        return vault.unseal(key.sealedSecret(), key.id());
    }

    public List<AccessKey> list() {
        return store.list();
    }

    /** @throws StampException NOT_FOUND for an unknown id, INVALID_STATE for a revoked key */
    public AccessKey revoke(String id, String actor) {
        AccessKey key = store.find(id).orElseThrow(() -> StampException.notFound("no access key has id '" + id + "'"));
        if (key.revoked()) throw StampException.invalidState("access key " + id + " was revoked at " + key.revokedAt());
        var at = clock.instant();
        store.revoke(id, at);
        audit.append(new AuditEvent(at, actor(actor), "accesskey.revoke", "", id, key.role() + " " + key.name()));
        return key.revokedAt(at);
    }

    private static String actor(String actor) {
        return actor == null ? "local" : actor;
    }
}
