package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.KeyFamily;
import dev.stamp.core.crypto.SigningAlgorithm;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.FailedLoginException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * CA keys inside a PKCS#11 token, through the JDK's SunPKCS11 provider. Keys are generated in the token as
 * persistent, sensitive, non-extractable objects and never leave it: signing happens in the token. Each key
 * is a token object with CKA_ID = key id, next to a self-signed placeholder certificate with CKA_LABEL = key id
 * that carries its public half, so any process with the PIN finds it again. RSA and EC only.
 *
 * <p>PKCS#11 login state belongs to the process, not to a provider instance: once one vault in this JVM has
 * logged in to a token, a second vault on the same token is let in without its PIN being checked again.
 *
 * <p>The provider instance is private to this vault (never added to {@link Security}). Thread-safe: the
 * SunPKCS11 KeyStore is synchronised, handles are cached in a ConcurrentHashMap, each signature gets its own
 * {@link Signature} and SunPKCS11 pools the sessions.
 */
public final class Pkcs11KeyVault implements KeyVault {
    private final Provider provider;
    private final KeyStore keyStore;
    private final String keyLabelPrefix;
    private final SecureRandom random;
    private final String description;
    private final ConcurrentMap<String, TokenKey> keys = new ConcurrentHashMap<>();
    private SealingKey sealing; // guarded by this

    private record TokenKey(KeyAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {}

    private Pkcs11KeyVault(Provider provider, KeyStore keyStore, Pkcs11Config config, SecureRandom random) {
        this.provider = provider;
        this.keyStore = keyStore;
        this.keyLabelPrefix = config.keyLabelPrefix();
        this.random = random;
        this.description = "pkcs11 (" + config.library().getFileName() + ", " + config.slot() + ")";
    }

    /**
     * Loads the PKCS#11 module, selects the slot and logs in with the PIN.
     *
     * @throws StampException        UNAUTHORIZED when the token refuses the PIN
     * @throws IllegalStateException when the module is missing or the slot has no usable token
     */
    public static Pkcs11KeyVault open(Pkcs11Config config, SecureRandom random) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(random, "random");
        if (!Files.isRegularFile(config.library())) {
            throw new IllegalStateException("PKCS#11 library " + config.library() + " does not exist");
        }
        Provider unconfigured = Security.getProvider("SunPKCS11");
        if (unconfigured == null) {
            throw new IllegalStateException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        Provider provider;
        try {
            provider = unconfigured.configure(SunPkcs11Config.inline(config));
        } catch (InvalidParameterException | ProviderException e) {
            throw new IllegalStateException("cannot use PKCS#11 library " + config.library() + " at " + config.slot() + ": " + rootMessage(e), e);
        }
        char[] pin = config.pin();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin);
            return new Pkcs11KeyVault(provider, keyStore, config, random);
        } catch (IOException e) {
            if (wrongPin(e)) {
                throw new StampException(ErrorCode.UNAUTHORIZED, "the PIN does not unlock the PKCS#11 token at " + config.slot());
            }
            throw new IllegalStateException("cannot log in to the PKCS#11 token at " + config.slot() + ": " + rootMessage(e), e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("cannot open the PKCS#11 token at " + config.slot() + ": " + rootMessage(e), e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    @Override
    public VaultKey generate(KeyAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.family() == KeyFamily.ML_DSA) {
            throw StampException.invalidArgument("the PKCS#11 vault cannot hold " + algorithm + " keys; it holds RSA and EC keys");
        }
        String keyId = keyLabelPrefix + KeyIds.random(random);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName(), provider);
            generator.initialize(algorithm.spec(), random);
            KeyPair pair = generator.generateKeyPair();
            X509Certificate certificate = PlaceholderCertificate.selfSigned(keyId, pair, algorithm.defaultSigningAlgorithm(), provider, random);
            // The private key already is a token object: SunPKCS11 only sets its CKA_ID and stores the certificate.
            // Should this fail, the token keeps an unnamed key that nothing uses; it still cannot leave the token.
            keyStore.setKeyEntry(keyId, pair.getPrivate(), null, new Certificate[] {certificate});
            PublicKey publicKey = certificate.getPublicKey();
            keys.put(keyId, new TokenKey(algorithm, pair.getPrivate(), publicKey));
            return new VaultKey(keyId, algorithm, publicKey);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("the PKCS#11 token could not generate a " + algorithm + " key: " + rootMessage(e), e);
        }
    }

    @Override
    public PublicKey publicKey(String keyId) {
        return tokenKey(keyId).publicKey();
    }

    @Override
    public byte[] sign(String keyId, SigningAlgorithm algorithm, byte[] data) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(data, "data");
        TokenKey key = tokenKey(keyId);
        algorithm.requireFits(key.algorithm());
        try {
            Signature signature = Signature.getInstance(algorithm.jcaName(), provider);
            signature.initSign(key.privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("the PKCS#11 token could not sign with key " + keyId + " (" + algorithm + "): " + rootMessage(e), e);
        }
    }

    @Override
    public byte[] seal(byte[] secret, String context) {
        return sealingKey().seal(Objects.requireNonNull(secret, "secret"), context);
    }

    @Override
    public byte[] unseal(byte[] sealed, String context) {
        return sealingKey().unseal(Objects.requireNonNull(sealed, "sealed"), context);
    }

    /** The token's AES sealing key (label {@code <prefix>seal}), generated in the token on first use. */
    private synchronized SealingKey sealingKey() {
        if (sealing != null) return sealing;
        String alias = keyLabelPrefix + "seal";
        try {
            Key key = keyStore.getKey(alias, null);
            if (key == null) {
                KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
                generator.init(256, random);
                // Stored as a token object under the label; the key is sensitive and non-extractable from birth.
                keyStore.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
                key = keyStore.getKey(alias, null);
            }
            if (!(key instanceof SecretKey secretKey)) throw new IllegalStateException("token object '" + alias + "' is not an AES key");
            sealing = SealingKey.of(secretKey, provider, random);
            return sealing;
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("the PKCS#11 token could not provide its sealing key: " + rootMessage(e), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    private TokenKey tokenKey(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return keys.computeIfAbsent(keyId, this::find);
    }

    private TokenKey find(String keyId) {
        try {
            Key key = keyStore.getKey(keyId, null);
            Certificate certificate = keyStore.getCertificate(keyId);
            if (!(key instanceof PrivateKey privateKey) || certificate == null) {
                throw StampException.notFound("the PKCS#11 token holds no key '" + keyId + "'");
            }
            PublicKey publicKey = certificate.getPublicKey();
            return new TokenKey(TokenKeyAlgorithms.of(keyId, publicKey), privateKey, publicKey);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new IllegalStateException("cannot read key " + keyId + " from the PKCS#11 token: " + rootMessage(e), e);
        }
    }

    private static boolean wrongPin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnrecoverableKeyException || t instanceof FailedLoginException) return true;
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
