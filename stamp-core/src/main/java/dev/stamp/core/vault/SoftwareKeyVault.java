package dev.stamp.core.vault;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.KeyFamily;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.bouncycastle.jcajce.spec.MLDSAParameterSpec;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Software CA keys, encrypted at rest. Each private key is stored through the {@link WrappedKeyStore} only as
 * AES-256-GCM ciphertext of its PKCS#8 encoding under the key-encryption key, with a fresh random nonce and
 * with the key id, algorithm and public key bound as AAD. Unwrapped keys live in memory only, for signing speed.
 *
 * <p>{@link #open} refuses a wrong passphrase or key file ({@code UNAUTHORIZED}) before touching any key.
 * Thread-safe: the cache is a ConcurrentHashMap, every signature gets its own {@link Signature}.
 */
public final class SoftwareKeyVault implements KeyVault {
    private final WrappedKeyStore store;
    private final AesGcm kek;
    private final SealingKey sealing;
    private final CryptoProviders providers;
    private final SecureRandom random;
    private final String description;
    private final ConcurrentMap<String, UnlockedKey> unlocked = new ConcurrentHashMap<>();

    private SoftwareKeyVault(WrappedKeyStore store, AesGcm kek, CryptoProviders providers, SecureRandom random, String description) {
        this.store = store;
        this.kek = kek;
        this.sealing = new SealingKey(kek);
        this.providers = providers;
        this.random = random;
        this.description = description;
    }

    /**
     * Unlocks the vault whose wrapped keys and settings live in {@code store}. The first open of an empty store
     * records the KDF salt and parameters (passphrase) and a check value; a missing key file is created (0600).
     *
     * @throws StampException UNAUTHORIZED when the passphrase or key file is not the one the vault was created with
     */
    public static SoftwareKeyVault open(WrappedKeyStore store, KeyEncryptionKey kek, CryptoProviders providers, SecureRandom random) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(kek, "kek");
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(random, "random");
        AesGcm aead = VaultUnlock.unlock(store, kek, random);
        String source = switch (kek) {
            case KeyEncryptionKey.Passphrase p -> "passphrase";
            case KeyEncryptionKey.KeyFile f -> "key file " + f.path();
        };
        return new SoftwareKeyVault(store, aead, providers, random, "software (AES-256-GCM, " + source + ")");
    }

    @Override
    public VaultKey generate(KeyAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        requireCurrentKek();
        KeyPair pair = newKeyPair(algorithm);
        String keyId = KeyIds.random(random);
        byte[] publicKey = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] wrapped;
        try {
            wrapped = kek.seal(pkcs8, WrapBinding.aad(keyId, algorithm, publicKey));
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
        store.put(new WrappedKey(keyId, algorithm, publicKey, wrapped));
        unlocked.put(keyId, new UnlockedKey(algorithm, pair.getPrivate(), pair.getPublic()));
        return new VaultKey(keyId, algorithm, pair.getPublic());
    }

    @Override
    public PublicKey publicKey(String keyId) {
        // Through the unwrap: the stored public key is trusted only once the AAD that binds it has verified.
        return unlocked(keyId).publicKey();
    }

    @Override
    public byte[] sign(String keyId, SigningAlgorithm algorithm, byte[] data) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(data, "data");
        UnlockedKey key = unlocked(keyId);
        algorithm.requireFits(key.algorithm());
        try {
            Signature signature = providers.signature(algorithm);
            signature.initSign(key.privateKey(), random);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with key " + keyId + " (" + algorithm + ") failed", e);
        }
    }

    @Override
    public byte[] seal(byte[] secret, String context) {
        Objects.requireNonNull(secret, "secret");
        requireCurrentKek();
        return sealing.seal(secret, context);
    }

    /**
     * Before anything new is sealed (rare: a key generation, an access key): a blob sealed under a key-encryption
     * key the vault no longer opens with would be lost at the next start.
     */
    private void requireCurrentKek() {
        if (!VaultUnlock.stillUnlocks(store, kek)) {
            throw StampException.invalidState("the key vault's key-encryption key was changed (stamp vault rekey) after this"
                    + " process unlocked it: restart it with the new passphrase or key file");
        }
    }

    @Override
    public byte[] unseal(byte[] sealed, String context) {
        return sealing.unseal(Objects.requireNonNull(sealed, "sealed"), context);
    }

    @Override
    public String describe() {
        return description;
    }

    private KeyPair newKeyPair(KeyAlgorithm algorithm) {
        try {
            KeyPairGenerator generator = providers.keyPairGenerator(algorithm);
            // ACCP draws from AWS-LC's own DRBG and ignores this SecureRandom; the JDK and Bouncy Castle use it.
            generator.initialize(algorithm.family() == KeyFamily.ML_DSA
                    ? MLDSAParameterSpec.fromName(algorithm.jcaName())
                    : algorithm.spec(), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key", e);
        }
    }

    private UnlockedKey unlocked(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return unlocked.computeIfAbsent(keyId, this::unwrap);
    }

    private UnlockedKey unwrap(String keyId) {
        WrappedKey wrapped = store.get(keyId)
                .orElseThrow(() -> StampException.notFound("the key vault holds no key '" + keyId + "'"));
        if (!wrapped.keyId().equals(keyId)) {
            throw StampException.invalidState("the key store answered key '" + wrapped.keyId() + "' when asked for key '" + keyId + "'");
        }
        KeyAlgorithm algorithm = wrapped.algorithm();
        byte[] publicKey = wrapped.publicKey();
        byte[] pkcs8 = WrapBinding.open(kek, wrapped);
        try {
            KeyFactory factory = providers.keyFactory(algorithm.jcaName());
            // Converted once for the signing provider: otherwise ACCP re-imports the JDK's key object on every signature.
            PrivateKey privateKey = providers.signingKey(factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
            return new UnlockedKey(algorithm, privateKey, factory.generatePublic(new X509EncodedKeySpec(publicKey)));
        } catch (GeneralSecurityException e) {
            throw StampException.invalidState("the stored private key of key '" + keyId + "' decrypts but is not a valid " + algorithm + " key");
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }
}
