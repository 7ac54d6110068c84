package dev.stamp.core.vault;

import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;

import java.security.PublicKey;

/**
 * Holds CA private keys and signs with them; it never hands a private key out.
 * Implementations are thread-safe. A key is named by an opaque id that the vault chose.
 * Failures surface as {@link dev.stamp.core.StampException} (wrong passphrase, missing key, corrupted blob)
 * or as {@link IllegalStateException} for an unusable backend.
 */
public interface KeyVault {

    /** Generates a new key pair inside the vault and returns its id and public key. */
    VaultKey generate(KeyAlgorithm algorithm);

    /** The public half of a key the vault holds. */
    PublicKey publicKey(String keyId);

    /** Signs {@code data} (the whole message, not a digest) with the named key. */
    byte[] sign(String keyId, SigningAlgorithm algorithm, byte[] data);

    /** A short description for logs and {@code stamp ca show}: "software (AES-256-GCM, passphrase)", "pkcs11 (SoftHSM slot 3)". */
    String describe();
}
