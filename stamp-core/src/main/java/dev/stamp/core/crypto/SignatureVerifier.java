package dev.stamp.core.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;

/**
 * Verifies signatures over DER structures (CSRs, certificates) on the fast provider when the algorithm is one of
 * the common RSA PKCS#1 or ECDSA ones, and through Bouncy Castle for anything else (RSA-PSS, EdDSA, ML-DSA).
 * Thread-safe.
 */
public final class SignatureVerifier {
    private static final Map<ASN1ObjectIdentifier, String> FAST = Map.of(
            PKCSObjectIdentifiers.sha256WithRSAEncryption, "SHA256withRSA",
            PKCSObjectIdentifiers.sha384WithRSAEncryption, "SHA384withRSA",
            PKCSObjectIdentifiers.sha512WithRSAEncryption, "SHA512withRSA",
            X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA256withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA384, "SHA384withECDSA",
            X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA512withECDSA",
            EdECObjectIdentifiers.id_Ed25519, "Ed25519",
            NISTObjectIdentifiers.id_ml_dsa_44, "ML-DSA-44",
            NISTObjectIdentifiers.id_ml_dsa_65, "ML-DSA-65",
            NISTObjectIdentifiers.id_ml_dsa_87, "ML-DSA-87");

    private final CryptoProviders providers;

    public SignatureVerifier(CryptoProviders providers) {
        this.providers = providers;
    }

    /** True when {@code signature} over {@code signed} verifies under {@code key} with {@code algorithm}. */
    public boolean verify(SubjectPublicKeyInfo key, AlgorithmIdentifier algorithm, byte[] signed, byte[] signature) {
        try {
            String name = FAST.get(algorithm.getAlgorithm());
            if (name != null) {
                Signature s = providers.signature(name);
                s.initVerify(publicKey(key));
                s.update(signed);
                return s.verify(signature);
            }
            ContentVerifierProvider p = new JcaContentVerifierProviderBuilder().setProvider(providers.bouncyCastle()).build(key);
            var verifier = p.get(algorithm);
            verifier.getOutputStream().write(signed);
            return verifier.verify(signature);
        } catch (Exception e) {
            return false;
        }
    }

    /** Decodes a SubjectPublicKeyInfo into a JCA key. */
    public PublicKey publicKey(SubjectPublicKeyInfo key) throws GeneralSecurityException {
        ASN1ObjectIdentifier alg = key.getAlgorithm().getAlgorithm();
        String family;
        if (alg.equals(PKCSObjectIdentifiers.rsaEncryption)) family = "RSA";
        else if (alg.equals(X9ObjectIdentifiers.id_ecPublicKey)) family = "EC";
        else if (alg.equals(EdECObjectIdentifiers.id_Ed25519)) family = "Ed25519";
        else if (alg.equals(NISTObjectIdentifiers.id_ml_dsa_44) || alg.equals(NISTObjectIdentifiers.id_ml_dsa_65)
                || alg.equals(NISTObjectIdentifiers.id_ml_dsa_87)) family = "ML-DSA";
        else family = alg.getId();
        try {
            KeyFactory kf = providers.keyFactory(family);
            return kf.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
