package dev.stamp.manager.agent;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * Keys as the JDK's own providers make them. {@code PrivateKeys.decode} answers Bouncy Castle keys (algorithm
 * "ECDSA"), which the JDK's {@code Signature} (used to build CSRs and by the selfSigned issuer's key check) refuses,
 * so a key read back from the store or a Secret is re-made from its encodings before it signs.
 */
final class JdkKeys {
    private JdkKeys() {}

    static KeyPair of(KeyPair pair) {
        String algorithm = switch (pair.getPrivate().getAlgorithm()) {
            case "ECDSA", "EC" -> "EC";
            case "RSA" -> "RSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported private key algorithm " + pair.getPrivate().getAlgorithm());
        };
        try {
            KeyFactory factory = KeyFactory.getInstance(algorithm);
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(pair.getPrivate().getEncoded())));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the " + algorithm + " key with the JDK's provider: " + e.getMessage(), e);
        }
    }
}
