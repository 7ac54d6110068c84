package dev.stamp.core.crypto;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Objects;

/**
 * Which JCA providers do the work. Bouncy Castle handles X.509 structures and ML-DSA; RSA and ECDSA
 * go to the Amazon Corretto Crypto Provider (AWS-LC) when it loads on this platform, else to the JDK's
 * own providers. Instances are immutable and thread-safe; {@link Signature} objects are not, so each
 * call returns a fresh one.
 */
public final class CryptoProviders {
    private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private final Provider fast;           // null: the JDK's providers, chosen by JCA preference order
    private final Provider bouncyCastle;

    private CryptoProviders(Provider fast, Provider bouncyCastle) {
        this.fast = fast;
        this.bouncyCastle = Objects.requireNonNull(bouncyCastle);
    }

    /** ACCP when it loads and passes its self-tests, else the JDK fallback. */
    public static CryptoProviders detect() {
        Provider accp = loadAccp();
        return new CryptoProviders(accp, new BouncyCastleProvider());
    }

    /** The JDK's providers for RSA and ECDSA, whatever else is available (kept tested as the fallback). */
    public static CryptoProviders jdk() {
        return new CryptoProviders(null, new BouncyCastleProvider());
    }

    /** Picks by name: "accp" (fails if it cannot load), "jdk", or "auto". */
    public static CryptoProviders named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> detect();
            case "jdk" -> jdk();
            case "accp" -> {
                Provider accp = loadAccp();
                if (accp == null) throw new IllegalStateException("the Amazon Corretto Crypto Provider does not load on this platform");
                yield new CryptoProviders(accp, new BouncyCastleProvider());
            }
            default -> throw new IllegalArgumentException("unknown crypto provider '" + name + "' (auto, accp, jdk)");
        };
    }

    private static Provider loadAccp() {
        try {
            Class<?> type = Class.forName(ACCP_CLASS);
            Provider p = (Provider) type.getField("INSTANCE").get(null);
            Object error = type.getMethod("getLoadingError").invoke(p);
            if (error != null) return null;
            type.getMethod("assertHealthy").invoke(p);
            return p;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** True when RSA and ECDSA run on the Amazon Corretto Crypto Provider. */
    public boolean fast() { return fast != null; }

    /** One line for the start-up log. */
    public String describe() {
        return fast != null
                ? "RSA/ECDSA: " + fast.getName() + " " + fast.getVersionStr() + " (AWS-LC); X.509 and ML-DSA: Bouncy Castle " + bouncyCastle.getVersionStr()
                : "RSA/ECDSA: JDK providers (Amazon Corretto Crypto Provider not in use); X.509 and ML-DSA: Bouncy Castle " + bouncyCastle.getVersionStr();
    }

    public Provider bouncyCastle() { return bouncyCastle; }

    /** A fresh Signature for the given JCA algorithm name, on the provider that should run it. */
    public Signature signature(String jcaName) throws GeneralSecurityException {
        if (jcaName.startsWith("ML-DSA") || jcaName.equalsIgnoreCase("Ed25519") || jcaName.equalsIgnoreCase("Ed448")) {
            return Signature.getInstance(jcaName, bouncyCastle);
        }
        if (fast != null) {
            try {
                return Signature.getInstance(jcaName, fast);
            } catch (GeneralSecurityException unsupported) {
                // fall through to the JDK for anything ACCP does not implement
            }
        }
        try {
            return Signature.getInstance(jcaName);
        } catch (GeneralSecurityException notInJdk) {
            return Signature.getInstance(jcaName, bouncyCastle);
        }
    }

    public Signature signature(SigningAlgorithm algorithm) throws GeneralSecurityException {
        return signature(algorithm.jcaName());
    }

    public KeyPairGenerator keyPairGenerator(KeyAlgorithm algorithm) throws GeneralSecurityException {
        if (algorithm.family() == KeyFamily.ML_DSA) return KeyPairGenerator.getInstance(algorithm.jcaName(), bouncyCastle);
        if (fast != null) {
            try {
                return KeyPairGenerator.getInstance(algorithm.jcaName(), fast);
            } catch (GeneralSecurityException unsupported) {
                // JDK below
            }
        }
        return KeyPairGenerator.getInstance(algorithm.jcaName());
    }

    /**
     * The private key as the provider that signs with it holds it: an RSA or EC key from another provider (the JDK's
     * KeyFactory, say) becomes the fast provider's own key object; anything else, or any key when there is no fast
     * provider, is returned as it is. ACCP makes this same conversion inside every {@code initSign} with a foreign key
     * (a PKCS#8 parse into AWS-LC and, for RSA, fresh Montgomery and blinding state), so a key that signs many times
     * should be converted once, here. A key the fast provider refuses is returned unchanged, to fail or not exactly
     * as it would have without this call.
     */
    public PrivateKey signingKey(PrivateKey key) {
        Objects.requireNonNull(key, "key");
        String family = key.getAlgorithm();
        if (fast == null || !(family.equals("RSA") || family.equals("EC"))) return key;
        try {
            // A key that is ACCP's already comes back as it is.
            return (PrivateKey) KeyFactory.getInstance(family, fast).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException unsupported) {
            return key;
        }
    }

    /** KeyFactory for decoding keys of the given JCA family name ("RSA", "EC", "ML-DSA", "Ed25519"). */
    public KeyFactory keyFactory(String family) throws GeneralSecurityException {
        if (family.startsWith("ML-DSA") || family.startsWith("Ed")) return KeyFactory.getInstance(family, bouncyCastle);
        return KeyFactory.getInstance(family);
    }
}
