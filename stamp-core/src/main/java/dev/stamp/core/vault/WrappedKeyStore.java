package dev.stamp.core.vault;

import java.util.Optional;

/**
 * Storage port for software keys: holds only ciphertext (the private key wrapped under the
 * key-encryption key) and the public key, never a private key in the clear. Thread-safe.
 */
public interface WrappedKeyStore {

    /** Stores a wrapped key durably before returning. */
    void put(WrappedKey key);

    Optional<WrappedKey> get(String keyId);

    /** Vault-wide settings such as the KDF salt and the passphrase check value; null value deletes. */
    Optional<String> setting(String name);

    void putSetting(String name, String value);
}
