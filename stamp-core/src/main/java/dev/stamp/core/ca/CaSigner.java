package dev.stamp.core.ca;

import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.vault.KeyVault;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Signs DER structures through the key vault and assembles the signed result. Stateless; thread-safe. */
public final class CaSigner {
    private final KeyVault vault;

    public CaSigner(KeyVault vault) {
        this.vault = vault;
    }

    /**
     * Signs an already DER-encoded TBSCertificate and answers the certificate's DER (RFC 5280 4.1: SEQUENCE of the
     * TBS, the signature algorithm and the signature as a BIT STRING), assembled from the bytes rather than encoding
     * the structure again: the issuance path has the TBS bytes at hand (it records them as the intent).
     */
    public byte[] signEncoded(byte[] tbsDer, String keyId, SigningAlgorithm algorithm) {
        byte[] signature = vault.sign(keyId, algorithm, tbsDer);
        byte[] algorithmDer = der(algorithm.identifier());
        int bitStringLength = signature.length + 1;
        byte[] bitStringHeader = header(0x03, bitStringLength);
        int contentLength = tbsDer.length + algorithmDer.length + bitStringHeader.length + bitStringLength;
        byte[] outerHeader = header(0x30, contentLength);
        byte[] out = new byte[outerHeader.length + contentLength];
        int at = 0;
        System.arraycopy(outerHeader, 0, out, at, outerHeader.length);
        at += outerHeader.length;
        System.arraycopy(tbsDer, 0, out, at, tbsDer.length);
        at += tbsDer.length;
        System.arraycopy(algorithmDer, 0, out, at, algorithmDer.length);
        at += algorithmDer.length;
        System.arraycopy(bitStringHeader, 0, out, at, bitStringHeader.length);
        at += bitStringHeader.length;
        out[at++] = 0; // no unused bits
        System.arraycopy(signature, 0, out, at, signature.length);
        return out;
    }

    /** A DER tag and definite length (X.690 8.1.3: short form below 128, else the fewest length octets). */
    private static byte[] header(int tag, int length) {
        if (length < 128) return new byte[]{(byte) tag, (byte) length};
        int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] h = new byte[2 + octets];
        h[0] = (byte) tag;
        h[1] = (byte) (0x80 | octets);
        for (int i = 0; i < octets; i++) h[2 + i] = (byte) (length >>> (8 * (octets - 1 - i)));
        return h;
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
