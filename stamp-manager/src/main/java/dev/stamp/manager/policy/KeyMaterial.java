package dev.stamp.manager.policy;

import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Key comparisons as cert-manager's {@code pki.PublicKeysEqual} and {@code pki.PrivateKeyMatchesSpec}: keys are compared
 * by their mathematical value, not their encoding (an EC key may be written with or without its public point, with a
 * named or explicit curve).
 */
final class KeyMaterial {
    private KeyMaterial() {}

    static AsymmetricKeyParameter publicKey(SubjectPublicKeyInfo info) {
        try {
            return PublicKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("error parsing public key: " + e.getMessage());
        }
    }

    /** The public half of a private key. */
    static AsymmetricKeyParameter publicOf(AsymmetricKeyParameter privateKey) {
        return switch (privateKey) {
            case RSAPrivateCrtKeyParameters rsa -> new RSAKeyParameters(false, rsa.getModulus(), rsa.getPublicExponent());
            case ECPrivateKeyParameters ec -> new ECPublicKeyParameters(
                    new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), ec.getD()).normalize(), ec.getParameters());
            case Ed25519PrivateKeyParameters ed -> ed.generatePublicKey();
            default -> throw new DecodeException("unsupported private key type " + privateKey.getClass().getSimpleName());
        };
    }

    /** True when both are the same public key; keys of different types are simply unequal. */
    static boolean publicKeysEqual(AsymmetricKeyParameter a, AsymmetricKeyParameter b) {
        if (a instanceof RSAKeyParameters x && b instanceof RSAKeyParameters y) {
            return x.getModulus().equals(y.getModulus()) && x.getExponent().equals(y.getExponent());
        }
        if (a instanceof ECPublicKeyParameters x && b instanceof ECPublicKeyParameters y) {
            return x.getParameters().getCurve().equals(y.getParameters().getCurve())
                    && x.getQ().normalize().equals(y.getQ().normalize());
        }
        if (a instanceof Ed25519PublicKeyParameters x && b instanceof Ed25519PublicKeyParameters y) {
            return Arrays.equals(x.getEncoded(), y.getEncoded());
        }
        return false;
    }

    /**
     * The spec fields the private key violates: {@code spec.privateKey.algorithm} for another key type,
     * {@code spec.privateKey.size} for another RSA modulus length or EC curve size (0 means the default, RSA 2048 and
     * ECDSA 256); Ed25519 has no size.
     */
    static List<String> privateKeyViolations(AsymmetricKeyParameter privateKey, PrivateKeySpec spec) {
        PrivateKeySpec keySpec = spec == null ? PrivateKeySpec.DEFAULT : spec;
        List<String> violations = new ArrayList<>();
        PrivateKeyAlgorithm algorithm = keySpec.algorithm();
        switch (algorithm) {
            case RSA -> {
                if (!(privateKey instanceof RSAKeyParameters rsa)) return List.of("spec.privateKey.algorithm");
                int expected = keySpec.size() > 0 ? keySpec.size() : 2048;
                if (rsa.getModulus().bitLength() != expected) violations.add("spec.privateKey.size");
            }
            case ECDSA -> {
                if (!(privateKey instanceof ECPrivateKeyParameters ec)) return List.of("spec.privateKey.algorithm");
                int expected = keySpec.size() > 0 ? keySpec.size() : 256;
                if (ec.getParameters().getCurve().getFieldSize() != expected) violations.add("spec.privateKey.size");
            }
            case Ed25519 -> {
                if (!(privateKey instanceof Ed25519PrivateKeyParameters)) return List.of("spec.privateKey.algorithm");
            }
        }
        return violations;
    }
}
