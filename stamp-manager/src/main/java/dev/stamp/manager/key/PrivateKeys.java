package dev.stamp.manager.key;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

/**
 * Generates, encodes and decodes the private keys of {@code spec.privateKey}: RSA of the given size, ECDSA on
 * P-256/P-384/P-521, Ed25519. Encodings are cert-manager's: PKCS1 ({@code RSA PRIVATE KEY} / {@code EC PRIVATE KEY})
 * or PKCS8 ({@code PRIVATE KEY}); Ed25519 is always PKCS8. Thread-safe (the injected SecureRandom must be).
 */
public final class PrivateKeys {
    private static final JcaPEMKeyConverter CONVERTER = new JcaPEMKeyConverter().setProvider(new BouncyCastleProvider());

    private final SecureRandom random;

    public PrivateKeys(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A fresh key pair as the spec asks. ECDSA sizes other than 256/384/521 and RSA below 2048 are refused. */
    public KeyPair generate(PrivateKeySpec spec) {
        try {
            return switch (spec.algorithm()) {
                case RSA -> {
                    int size = rsaSize(spec);
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(size, RSAKeyGenParameterSpec.F4), random);
                    yield g.generateKeyPair();
                }
                case ECDSA -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(Curve.ofSize(ecdsaSize(spec)).jdkName), random);
                    yield g.generateKeyPair();
                }
                case Ed25519 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
                    g.initialize(255, random);
                    yield g.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + spec.algorithm() + " key of size " + spec.size() + ": " + e.getMessage(), e);
        }
    }

    /** The key as PEM in the requested encoding; Ed25519 ignores PKCS1 (cert-manager writes it as PKCS8). */
    public static String encode(PrivateKey key, PrivateKeyEncoding encoding) {
        KeyEncoding.Encoded e = KeyEncoding.encode(key, encoding);
        return Pem.encode(e.pemType(), e.der());
    }

    /** The DER bytes inside {@link #encode}'s PEM block (cert-manager's {@code key.der}). */
    public static byte[] der(PrivateKey key, PrivateKeyEncoding encoding) {
        return KeyEncoding.encode(key, encoding).der();
    }

    /**
     * The first private key in PEM text ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY} or {@code PRIVATE KEY}),
     * with its public key, as the JDK's own providers make keys (so the JDK's and ACCP's {@code Signature} take them,
     * like the keys {@link #generate} makes).
     *
     * @throws IllegalArgumentException when no unencrypted private key can be read
     */
    public static KeyPair decode(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair pair) {
                    return jdk(CONVERTER.getKeyPair(pair));
                }
                if (o instanceof PrivateKeyInfo info) {
                    PrivateKey key = CONVERTER.getPrivateKey(info);
                    return jdk(new KeyPair(publicKeyOf(key), key));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the private key PEM: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no unencrypted private key (RSA PRIVATE KEY, EC PRIVATE KEY or PRIVATE KEY) found in the PEM input");
    }

    /** Bouncy Castle's converter names EC keys "ECDSA", which the JDK's Signature refuses: re-make from the encodings. */
    private static KeyPair jdk(KeyPair pair) throws GeneralSecurityException {
        String algorithm = switch (pair.getPrivate().getAlgorithm()) {
            case "ECDSA", "EC" -> "EC";
            case "RSA" -> "RSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new GeneralSecurityException("unsupported private key algorithm " + pair.getPrivate().getAlgorithm());
        };
        KeyFactory factory = KeyFactory.getInstance(algorithm);
        return new KeyPair(factory.generatePublic(new java.security.spec.X509EncodedKeySpec(pair.getPublic().getEncoded())),
                factory.generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
    }

    /**
     * Whether a key is what the spec asks for (cert-manager's {@code PrivateKeyMatchesSpec}): same algorithm, and the
     * same RSA modulus size or ECDSA curve. The encoding and rotation policy do not matter.
     */
    public static boolean matches(PrivateKeySpec spec, PrivateKey key) {
        return switch (spec.algorithm()) {
            case RSA -> key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() == rsaSize(spec);
            case ECDSA -> key instanceof ECPrivateKey ec && Curve.of(ec.getParams()).size == ecdsaSize(spec);
            case Ed25519 -> isEd25519(key);
        };
    }

    /** By the PKCS#8 algorithm OID: the JDK names Ed25519 and Ed448 keys alike ("EdDSA"). */
    private static boolean isEd25519(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        return encoded != null && EdECObjectIdentifiers.id_Ed25519.equals(PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm().getAlgorithm());
    }

    /**
     * The public half of a private key: RSA from its CRT form (every PEM encoding carries it), EC by multiplying the
     * generator (the curve stays a named OID), Ed25519 from the seed.
     */
    static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            AsymmetricKeyParameter priv = PrivateKeyFactory.createKey(info);
            SubjectPublicKeyInfo spki = switch (priv) {
                case ECPrivateKeyParameters ec -> new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(),
                        ec.getParameters().getG().multiply(ec.getD()).normalize().getEncoded(false));
                case Ed25519PrivateKeyParameters ed -> SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(ed.generatePublicKey());
                default -> throw new GeneralSecurityException("cannot derive the public key of a " + key.getAlgorithm() + " key");
            };
            return CONVERTER.getPublicKey(spki);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot derive the public key of a " + key.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    static int rsaSize(PrivateKeySpec spec) {
        int size = spec.size() == 0 ? 2048 : spec.size();
        if (size < 2048 || size > 8192) {
            throw new IllegalArgumentException("RSA key size must be between 2048 and 8192, got " + size);
        }
        return size;
    }

    static int ecdsaSize(PrivateKeySpec spec) {
        return spec.size() == 0 ? 256 : spec.size();
    }

    /** The NIST curves cert-manager accepts, by {@code privateKey.size}. */
    enum Curve {
        P256(256, "secp256r1"),
        P384(384, "secp384r1"),
        P521(521, "secp521r1");

        final int size;
        final String jdkName;

        Curve(int size, String jdkName) {
            this.size = size;
            this.jdkName = jdkName;
        }

        static Curve ofSize(int size) {
            for (Curve c : values()) {
                if (c.size == size) return c;
            }
            throw new IllegalArgumentException("ECDSA key size must be 256, 384 or 521, got " + size);
        }

        static Curve of(java.security.spec.ECParameterSpec params) {
            return ofSize(params.getCurve().getField().getFieldSize());
        }
    }

}
