package dev.stamp.core.vault;

import dev.stamp.core.crypto.KeyAlgorithm;

import java.security.PublicKey;
import java.util.Objects;

/** A key held by a {@link KeyVault}: its id, its algorithm and its public half. */
public record VaultKey(String keyId, KeyAlgorithm algorithm, PublicKey publicKey) {
    public VaultKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
