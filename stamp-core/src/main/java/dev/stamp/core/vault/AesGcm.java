package dev.stamp.core.vault;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM under the vault's key-encryption key. A sealed blob is
 * {@code version (1) || nonce (12) || ciphertext || tag (16)}; every seal draws a fresh random nonce,
 * so one key never sees a nonce twice in practice (2^-96 per pair). Thread-safe: a fresh Cipher per call.
 */
final class AesGcm {
    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** Copies {@code key}; the caller should wipe its own copy. */
    AesGcm(byte[] key, SecureRandom random) {
        if (key.length != KEY_BYTES) throw new IllegalArgumentException("AES-256 needs 32 key bytes, got " + key.length);
        this.key = new SecretKeySpec(key, "AES");
        this.random = random;
    }

    byte[] seal(byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not usable on this JDK", e);
        }
    }

    /** The plaintext, or AEADBadTagException when the blob, its AAD or the key does not match. */
    byte[] open(byte[] blob, byte[] aad) throws AEADBadTagException {
        if (blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new AEADBadTagException("not a version " + VERSION + " AES-256-GCM blob");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(blob, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(aad);
            return cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not usable on this JDK", e);
        }
    }
}
