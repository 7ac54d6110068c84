package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import javax.crypto.AEADBadTagException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a {@link KeyEncryptionKey} into the vault's AES key and proves it is the right one before any
 * blob is touched: the first open stores a check value (a fixed label sealed under the KEK), every later
 * open must decrypt it. Stateless.
 *
 * <p>The first open of an empty store writes the settings without a compare-and-set, so it must not race
 * another first open of the same store (open once, then start replicas).
 */
final class VaultUnlock {
    static final String KIND_SETTING = "vault.kek.kind";
    static final String KDF_SETTING = "vault.kek.kdf";
    static final String CHECK_SETTING = "vault.kek.check";

    private static final byte[] CHECK_LABEL = "Stamp key vault check value".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHECK_AAD = "stamp-vault-check-v1".getBytes(StandardCharsets.US_ASCII);

    private VaultUnlock() {}

    static AesGcm unlock(WrappedKeyStore store, KeyEncryptionKey kek, SecureRandom random) {
        String kind = kind(kek);
        Optional<String> storedKind = store.setting(KIND_SETTING);
        if (storedKind.isPresent() && !storedKind.get().equals(kind)) {
            throw new StampException(ErrorCode.UNAUTHORIZED,
                    "this key vault is unlocked by a " + storedKind.get() + ", not by a " + kind);
        }
        Optional<String> check = store.setting(CHECK_SETTING);
        byte[] keyBytes = switch (kek) {
            case KeyEncryptionKey.Passphrase passphrase -> derive(store, passphrase, check.isPresent(), random);
            case KeyEncryptionKey.KeyFile file -> KeyFiles.readOrCreate(file.path(), random);
        };
        AesGcm aead;
        try {
            aead = new AesGcm(keyBytes, random);
        } finally {
            Arrays.fill(keyBytes, (byte) 0);
        }
        if (check.isEmpty()) {
            store.putSetting(KIND_SETTING, kind);
            store.putSetting(CHECK_SETTING, checkValue(aead));
            return aead;
        }
        if (!opens(aead, check.get())) {
            throw new StampException(ErrorCode.UNAUTHORIZED, switch (kek) {
                case KeyEncryptionKey.Passphrase p -> "the passphrase does not unlock this key vault";
                case KeyEncryptionKey.KeyFile f -> "the key file " + f.path() + " does not unlock this key vault";
            });
        }
        return aead;
    }

    /** The check value a vault unlocked by {@code aead} stores. */
    static String checkValue(AesGcm aead) {
        return Base64.getEncoder().encodeToString(aead.seal(CHECK_LABEL, CHECK_AAD));
    }

    /**
     * Whether the stored check value still opens under {@code aead}: false once another process changed the vault's
     * key-encryption key ({@link VaultRekey}) after this one unlocked it.
     */
    static boolean stillUnlocks(WrappedKeyStore store, AesGcm aead) {
        return store.setting(CHECK_SETTING).map(check -> opens(aead, check)).orElse(false);
    }

    /** Whether the stored check value {@code check} decrypts under {@code aead} to the check label. */
    private static boolean opens(AesGcm aead, String check) {
        try {
            return MessageDigest.isEqual(aead.open(decode(check, CHECK_SETTING), CHECK_AAD), CHECK_LABEL);
        } catch (AEADBadTagException wrongKey) {
            return false;
        }
    }

    static String kind(KeyEncryptionKey kek) {
        return switch (kek) {
            case KeyEncryptionKey.Passphrase p -> "passphrase";
            case KeyEncryptionKey.KeyFile f -> "key file";
        };
    }

    private static byte[] derive(WrappedKeyStore store, KeyEncryptionKey.Passphrase passphrase, boolean initialised, SecureRandom random) {
        Optional<String> stored = store.setting(KDF_SETTING);
        Argon2Kdf kdf;
        if (stored.isPresent()) {
            kdf = Argon2Kdf.parse(stored.get(), KDF_SETTING);
        } else if (initialised) {
            // A fresh salt could never reproduce the key the check value was sealed under.
            throw StampException.invalidState("key vault setting " + KDF_SETTING + " is missing although the vault is initialised");
        } else {
            kdf = Argon2Kdf.fresh(random);
            store.putSetting(KDF_SETTING, kdf.encode());
        }
        char[] chars = passphrase.value();
        try {
            return kdf.derive(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    static byte[] decode(String base64, String setting) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw StampException.invalidState("key vault setting " + setting + " is not Base64");
        }
    }
}
