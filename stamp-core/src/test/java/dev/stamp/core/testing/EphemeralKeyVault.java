package dev.stamp.core.testing;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.vault.KeyVault;
import dev.stamp.core.vault.SealingKey;

import javax.crypto.spec.SecretKeySpec;
import dev.stamp.core.vault.VaultKey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A key vault for the core's unit tests: keys live in this object only and die with it. */
public final class EphemeralKeyVault implements KeyVault {
    private final CryptoProviders providers;
    private final SecureRandom random;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    private final Map<String, KeyAlgorithm> algorithms = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final SealingKey sealing;

    public EphemeralKeyVault(CryptoProviders providers, SecureRandom random) {
        this.providers = providers;
        this.random = random;
        byte[] aes = new byte[32];
        random.nextBytes(aes);
        this.sealing = SealingKey.of(new SecretKeySpec(aes, "AES"), null, random);
    }

    @Override public VaultKey generate(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator g = providers.keyPairGenerator(algorithm);
            if (algorithm.spec() != null) g.initialize(algorithm.spec(), random); else g.initialize(256, random);
            KeyPair kp = g.generateKeyPair();
            String id = "ephemeral-" + ids.incrementAndGet();
            keys.put(id, kp);
            algorithms.put(id, algorithm);
            return new VaultKey(id, algorithm, kp.getPublic());
        } catch (GeneralSecurityException | RuntimeException e) {
            // ML-DSA generators take no size; retry without initialisation
            try {
                KeyPair kp = providers.keyPairGenerator(algorithm).generateKeyPair();
                String id = "ephemeral-" + ids.incrementAndGet();
                keys.put(id, kp);
                algorithms.put(id, algorithm);
                return new VaultKey(id, algorithm, kp.getPublic());
            } catch (GeneralSecurityException e2) {
                throw new IllegalStateException(e2);
            }
        }
    }

    @Override public PublicKey publicKey(String keyId) { return pair(keyId).getPublic(); }

    @Override public byte[] sign(String keyId, SigningAlgorithm algorithm, byte[] data) {
        algorithm.requireFits(algorithms.get(keyId));
        try {
            Signature s = providers.signature(algorithm);
            s.initSign(pair(keyId).getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public byte[] seal(byte[] secret, String context) { return sealing.seal(secret, context); }

    @Override public byte[] unseal(byte[] sealed, String context) { return sealing.unseal(sealed, context); }

    @Override public String describe() { return "ephemeral (tests only)"; }

    private KeyPair pair(String keyId) {
        KeyPair kp = keys.get(keyId);
        if (kp == null) throw StampException.notFound("key " + keyId);
        return kp;
    }
}
