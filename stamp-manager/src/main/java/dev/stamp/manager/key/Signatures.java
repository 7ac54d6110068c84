package dev.stamp.manager.key;

import dev.stamp.manager.spec.SignatureAlgorithm;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/**
 * The JCA signature for a CSR: {@code spec.signatureAlgorithm} when set (it must fit the key, as cert-manager's
 * webhook demands), else cert-manager's {@code pki.SignatureAlgorithm} default: RSA by modulus size (SHA-512 from
 * 4096 bits, SHA-384 from 3072, else SHA-256), ECDSA by curve, Ed25519 pure.
 */
public final class Signatures {
    private Signatures() {}

    /** cert-manager's default for an RSA key: SHA-512 from 4096 bits of modulus, SHA-384 from 3072, else SHA-256. */
    public static String rsaDefault(int modulusBits) {
        return modulusBits >= 4096 ? "SHA512withRSA" : modulusBits >= 3072 ? "SHA384withRSA" : "SHA256withRSA";
    }

    /** cert-manager's default for an ECDSA key, by the curve's field size: SHA-256 up to P-256, SHA-384 up to P-384, else SHA-512. */
    public static String ecdsaDefault(int fieldBits) {
        return fieldBits > 384 ? "SHA512withECDSA" : fieldBits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }

    static String jcaName(SignatureAlgorithm requested, PublicKey key) {
        String family = family(key);
        if (requested == null) {
            return defaultFor(key, family);
        }
        String[] allowed = switch (requested) {
            case SHA256WithRSA -> new String[]{"RSA", "SHA256withRSA"};
            case SHA384WithRSA -> new String[]{"RSA", "SHA384withRSA"};
            case SHA512WithRSA -> new String[]{"RSA", "SHA512withRSA"};
            case ECDSAWithSHA256 -> new String[]{"EC", "SHA256withECDSA"};
            case ECDSAWithSHA384 -> new String[]{"EC", "SHA384withECDSA"};
            case ECDSAWithSHA512 -> new String[]{"EC", "SHA512withECDSA"};
            case PureEd25519 -> new String[]{"Ed25519", "Ed25519"};
        };
        if (!allowed[0].equals(family)) {
            throw new IllegalArgumentException("signatureAlgorithm " + requested + " cannot be used with a " + family + " key");
        }
        return allowed[1];
    }

    private static String defaultFor(PublicKey key, String family) {
        return switch (family) {
            case "RSA" -> rsaDefault(((RSAPublicKey) key).getModulus().bitLength());
            case "EC" -> ecdsaDefault(((ECPublicKey) key).getParams().getCurve().getField().getFieldSize());
            default -> "Ed25519";
        };
    }

    private static String family(PublicKey key) {
        if (key instanceof RSAPublicKey) return "RSA";
        if (key instanceof ECPublicKey) return "EC";
        String a = key.getAlgorithm();
        if (a.equals("Ed25519") || a.equals("EdDSA")) return "Ed25519";
        throw new IllegalArgumentException("unsupported key algorithm " + a + " (expected RSA, ECDSA or Ed25519)");
    }
}
