package dev.stamp.core.crypto;

import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Key identifiers (RFC 5280 4.2.1.1 and 4.2.1.2), the one way Stamp computes them. Stateless. */
public final class KeyIdentifiers {
    private KeyIdentifiers() {}

    /** RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
    public static byte[] of(SubjectPublicKeyInfo key) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(key.getPublicKeyData().getBytes());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** What an authority key identifier must carry for this issuer: its own SKI, or the method-1 value without one. */
    public static byte[] ofIssuer(X509CertificateHolder issuer) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(issuer.getExtensions());
        return ski != null ? ski.getKeyIdentifier() : of(issuer.getSubjectPublicKeyInfo());
    }
}
