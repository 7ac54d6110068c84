package dev.stamp.core.vault;

import dev.stamp.core.StampException;

import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * Seals small secrets with {@link AesGcm}, the secret's context bound as AAD ({@link SealBinding}), and turns a blob
 * that does not open into INVALID_STATE naming the context. Shared by the vaults' {@code seal}/{@code unseal}.
 */
public final class SealingKey {
    private final AesGcm aes;

    SealingKey(AesGcm aes) {
        this.aes = aes;
    }

    /** A key held by {@code provider} (null: the JDK's). */
    public static SealingKey of(SecretKey key, Provider provider, SecureRandom random) {
        return new SealingKey(new AesGcm(key, provider, random));
    }

    public byte[] seal(byte[] secret, String context) {
        return aes.seal(secret, SealBinding.aad(context));
    }

    public byte[] unseal(byte[] sealed, String context) {
        try {
            return aes.open(sealed, SealBinding.aad(context));
        } catch (AEADBadTagException e) {
            throw StampException.invalidState("the sealed secret of '" + context + "' fails its integrity check: it was altered, "
                    + "or it belongs to another owner or vault");
        }
    }
}
