package dev.stamp.core.ca;

import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.vault.KeyVault;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Signs DER structures through the key vault and assembles the signed result. Stateless; thread-safe. */
public final class CaSigner {
    private final KeyVault vault;

    public CaSigner(KeyVault vault) {
        this.vault = vault;
    }

    public X509CertificateHolder sign(TBSCertificate tbs, String keyId, SigningAlgorithm algorithm) {
        byte[] signature = vault.sign(keyId, algorithm, der(tbs));
        ASN1EncodableVector v = new ASN1EncodableVector(3);
        v.add(tbs);
        v.add(algorithm.identifier());
        v.add(new DERBitString(signature));
        return new X509CertificateHolder(Certificate.getInstance(new DERSequence(v)));
    }

    public PKCS10CertificationRequest sign(CertificationRequestInfo info, String keyId, SigningAlgorithm algorithm) {
        byte[] signature = vault.sign(keyId, algorithm, der(info));
        return new PKCS10CertificationRequest(new CertificationRequest(info, algorithm.identifier(), new DERBitString(signature)));
    }

    public KeyVault vault() {
        return vault;
    }

    static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
