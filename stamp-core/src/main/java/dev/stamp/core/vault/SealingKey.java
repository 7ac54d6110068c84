package dev.stamp.core.vault;

import dev.stamp.core.StampException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES-GCM sealing of small secrets with a key that may live in a token ({@code provider} = its PKCS#11 provider) or in
 * memory ({@code provider} null: the JDK's). A blob is {@code version (1) || nonce (12) || ciphertext || tag (16)}, with
 * {@link SealBinding#aad} as AAD. Thread-safe: a fresh Cipher per call.
 */
public final class SealingKey {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final Provider provider;
    private final SecureRandom random;

    public SealingKey(SecretKey key, Provider provider, SecureRandom random) {
        this.key = Objects.requireNonNull(key, "key");
        this.provider = provider;
        this.random = Objects.requireNonNull(random, "random");
    }

    public byte[] seal(byte[] secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(SealBinding.aad(context));
            byte[] sealed = cipher.doFinal(secret);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("cannot seal a secret with AES-GCM: " + e.getMessage(), e);
        }
    }

    public byte[] unseal(byte[] blob, String context) {
        if (blob.length < 1 + NONCE_BYTES + TAG_BITS / 8 || blob[0] != VERSION) throw altered(context);
        try {
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(blob, 1, 1 + NONCE_BYTES)));
            cipher.updateAAD(SealBinding.aad(context));
            return cipher.doFinal(blob, 1 + NONCE_BYTES, blob.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw altered(context);
        } catch (GeneralSecurityException | ProviderException e) {
            if (e.getMessage() != null && e.getMessage().contains("CKR_ENCRYPTED_DATA_INVALID")) throw altered(context);
            throw new IllegalStateException("cannot open a sealed secret with AES-GCM: " + e.getMessage(), e);
        }
    }

    private Cipher cipher() throws GeneralSecurityException {
        return provider == null ? Cipher.getInstance(TRANSFORMATION) : Cipher.getInstance(TRANSFORMATION, provider);
    }

    private static StampException altered(String context) {
        return StampException.invalidState("the sealed secret of '" + context + "' fails its integrity check: it was altered, "
                + "or it belongs to another owner or vault");
    }
}
