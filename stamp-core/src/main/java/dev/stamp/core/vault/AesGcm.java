package dev.stamp.core.vault;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-GCM under one key: the software vault's key-encryption key, or an AES key inside a PKCS#11 token
 * ({@code provider} its provider). A sealed blob is {@code version (1) || nonce (12) || ciphertext || tag (16)}; every
 * seal draws a fresh random nonce, so one key never sees a nonce twice in practice (2^-96 per pair).
 * Thread-safe: a fresh Cipher per call.
 */
final class AesGcm {
    static final int KEY_BYTES = 32;
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final Provider provider;
    private final SecureRandom random;

    /** Copies {@code key}; the caller should wipe its own copy. */
    AesGcm(byte[] key, SecureRandom random) {
        this(new SecretKeySpec(check(key), "AES"), null, random);
    }

    /** A key held by {@code provider} (null: the JDK's), e.g. a token object that never leaves the token. */
    AesGcm(SecretKey key, Provider provider, SecureRandom random) {
        this.key = key;
        this.provider = provider;
        this.random = random;
    }

    private static byte[] check(byte[] key) {
        if (key.length != KEY_BYTES) throw new IllegalArgumentException("AES-256 needs 32 key bytes, got " + key.length);
        return key;
    }

    private Cipher cipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(TRANSFORMATION) : Cipher.getInstance(TRANSFORMATION, provider);
    }

    byte[] seal(byte[] plaintext, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("AES-GCM is not usable: " + e.getMessage(), e);
        }
    }

    /** The plaintext, or AEADBadTagException when the blob, its AAD or the key does not match. */
    byte[] open(byte[] blob, byte[] aad) throws AEADBadTagException {
        if (blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != VERSION) {
            throw new AEADBadTagException("not a version " + VERSION + " AES-256-GCM blob");
        }
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(blob, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(aad);
            return cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (ProviderException e) {
            // A token reports a failed tag check as CKR_ENCRYPTED_DATA_INVALID rather than AEADBadTagException.
            if (String.valueOf(e.getMessage()).contains("CKR_ENCRYPTED_DATA_INVALID")) throw new AEADBadTagException("tag mismatch");
            throw new IllegalStateException("AES-GCM is not usable: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not usable: " + e.getMessage(), e);
        }
    }
}
