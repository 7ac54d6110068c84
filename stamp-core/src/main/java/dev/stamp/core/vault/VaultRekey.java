package dev.stamp.core.vault;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Changes a software vault's key-encryption key: from one passphrase to another, or between a passphrase and a key
 * file. The current KEK must unlock the vault first; then every wrapped key and every sealed secret is opened under
 * it and sealed under the new one, and the new KDF settings and check value replace the old, in one transaction
 * ({@link WrappedKeyStore#rekey}): a failure anywhere leaves the vault as it was. Private keys are in memory only
 * between the two seals, and the buffers are wiped.
 *
 * <p>Run it with no server using the vault. A process still holding the old KEK keeps signing with the keys it has
 * unwrapped, but refuses to wrap or seal anything new ({@link SoftwareKeyVault}), so it cannot store a key the new
 * KEK would not open; restart it with the new passphrase or key file.
 */
public final class VaultRekey {
    private VaultRekey() {}

    /**
     * Re-keys the vault and audits it as {@code vault.rekey} by {@code actor} at {@code clock}'s now.
     *
     * @throws StampException UNAUTHORIZED when {@code current} does not unlock the vault (nothing changes)
     */
    public static WrappedKeyStore.Rekeyed run(WrappedKeyStore store, KeyEncryptionKey current, KeyEncryptionKey next, SecureRandom random,
                                              InstantSource clock, String actor) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(next, "next");
        AesGcm old = VaultUnlock.unlock(store, Objects.requireNonNull(current, "current"), random);
        Map<String, String> settings = new HashMap<>();
        byte[] keyBytes = switch (next) {
            case KeyEncryptionKey.Passphrase passphrase -> {
                Argon2Kdf kdf = Argon2Kdf.fresh(random);
                settings.put(VaultUnlock.KDF_SETTING, kdf.encode());
                char[] chars = passphrase.value();
                try {
                    yield kdf.derive(chars);
                } finally {
                    Arrays.fill(chars, '\0');
                }
            }
            case KeyEncryptionKey.KeyFile file -> {
                settings.put(VaultUnlock.KDF_SETTING, null); // a key file needs no KDF: its setting goes
                yield KeyFiles.readOrCreate(file.path(), random);
            }
        };
        AesGcm fresh;
        try {
            fresh = new AesGcm(keyBytes, random);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        settings.put(VaultUnlock.KIND_SETTING, VaultUnlock.kind(next));
        settings.put(VaultUnlock.CHECK_SETTING, VaultUnlock.checkValue(fresh));
        SealingKey oldSealing = new SealingKey(old);
        SealingKey newSealing = new SealingKey(fresh);
        Map<String, String> applied = Collections.unmodifiableMap(settings);
        AuditEvent event = new AuditEvent(clock.instant(), actor, "vault.rekey", "", "key vault",
                "from a " + VaultUnlock.kind(current) + " to a " + VaultUnlock.kind(next));
        return store.rekey(new WrappedKeyStore.Rekey() {
            @Override
            public WrappedKey rewrap(WrappedKey key) {
                // A key that does not open fails the whole transaction: nothing is re-keyed.
                byte[] pkcs8 = WrapBinding.open(old, key);
                try {
                    byte[] aad = WrapBinding.aad(key.keyId(), key.algorithm(), key.publicKey());
                    return new WrappedKey(key.keyId(), key.algorithm(), key.publicKey(), fresh.seal(pkcs8, aad));
                } finally {
                    Arrays.fill(pkcs8, (byte) 0);
                }
            }

            @Override
            public byte[] reseal(byte[] sealed, String context) {
                byte[] secret = oldSealing.unseal(sealed, context);
                try {
                    return newSealing.seal(secret, context);
                } finally {
                    Arrays.fill(secret, (byte) 0);
                }
            }

            @Override
            public Map<String, String> settings() {
                return applied;
            }
        }, event);
    }
}
