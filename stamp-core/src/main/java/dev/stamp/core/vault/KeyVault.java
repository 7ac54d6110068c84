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

    /**
     * Encrypts a small secret that the server must read back later (an AWS secret access key, which SigV4 needs in
     * the clear to check a signature) under a key that never leaves this vault. {@code context} (the secret's owner,
     * e.g. the access key id) is bound to the ciphertext: a blob moved to another owner no longer opens.
     */
    byte[] seal(byte[] secret, String context);

    /**
     * The secret {@link #seal} encrypted for {@code context}.
     *
     * @throws dev.stamp.core.StampException INVALID_STATE when the blob was altered, belongs to another context or vault
     */
    byte[] unseal(byte[] sealed, String context);
}
