package dev.stamp.core.vault;

import dev.stamp.core.crypto.KeyAlgorithm;

import java.util.Objects;

/**
 * A private key encrypted under the vault's key-encryption key, as stored.
 * {@code wrapped} is the AES-256-GCM output (nonce and tag included); {@code publicKey} is X.509 SubjectPublicKeyInfo DER.
 */
public record WrappedKey(String keyId, KeyAlgorithm algorithm, byte[] publicKey, byte[] wrapped) {
    public WrappedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        publicKey = publicKey.clone();
        wrapped = wrapped.clone();
    }

    @Override public byte[] publicKey() { return publicKey.clone(); }
    @Override public byte[] wrapped() { return wrapped.clone(); }
}
