package dev.stamp.manager.issuer;

import dev.stamp.manager.key.Signatures;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/** Which signature algorithm a signing key uses, and whether a private key belongs to a public key. */
final class SigningKeys {
    private SigningKeys() {}

    /**
     * cert-manager's choice by key: RSA by modulus size (SHA-256 below 3072 bits, SHA-384 below 4096, else SHA-512),
     * ECDSA by curve size (P-256, P-384, P-521 with SHA-256, -384, -512), Ed25519 pure.
     */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key) {
            case RSAKey rsa -> Signatures.rsaDefault(rsa.getModulus().bitLength());
            case ECKey ec -> Signatures.ecdsaDefault(ec.getParams().getCurve().getField().getFieldSize());
            default -> {
                if (key.getAlgorithm().equals("Ed25519") || key.getAlgorithm().equals("EdDSA")) yield "Ed25519";
                throw new IllegalArgumentException("unsupported private key algorithm " + key.getAlgorithm());
            }
        };
    }

    /** True when {@code key} signs what {@code publicKey} verifies: a test signature, whatever the algorithm. */
    static boolean matches(PrivateKey key, SubjectPublicKeyInfo publicKey) {
        try {
            String algorithm = signatureAlgorithm(key);
            PublicKey pub = KeyFactory.getInstance(key.getAlgorithm().equals("EdDSA") ? "Ed25519" : key.getAlgorithm())
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(publicKey.getEncoded()));
            // any bytes do: only a key of the pair makes a signature the public key verifies
            byte[] challenge = "stamp key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(pub);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
