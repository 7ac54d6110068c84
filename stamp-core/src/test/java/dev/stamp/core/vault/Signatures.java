package dev.stamp.core.vault;

import dev.stamp.core.crypto.KeyFamily;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** Independent verification: the JDK's own providers for RSA and ECDSA, Bouncy Castle for ML-DSA. */
final class Signatures {
    private Signatures() {}

    static boolean verify(PublicKey publicKey, SigningAlgorithm algorithm, byte[] data, byte[] signature) throws GeneralSecurityException {
        boolean mlDsa = algorithm.family() == KeyFamily.ML_DSA;
        // Re-decode from SubjectPublicKeyInfo so that the verifier never sees the signer's own key object.
        KeyFactory factory = mlDsa
                ? KeyFactory.getInstance(publicKey.getAlgorithm(), new BouncyCastleProvider())
                : KeyFactory.getInstance(algorithm.family() == KeyFamily.RSA ? "RSA" : "EC");
        PublicKey decoded = factory.generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
        Signature verifier = mlDsa
                ? Signature.getInstance(algorithm.jcaName(), new BouncyCastleProvider())
                : Signature.getInstance(algorithm.jcaName());
        verifier.initVerify(decoded);
        verifier.update(data);
        return verifier.verify(signature);
    }
}
