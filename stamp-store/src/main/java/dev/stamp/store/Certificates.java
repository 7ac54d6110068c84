package dev.stamp.store;

import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** DER encodings of a CA's CSR, certificate and chain; a chain is its certificates' DER back to back, in order. */
final class Certificates {
    private Certificates() {}

    static byte[] encode(X509CertificateHolder certificate) {
        return certificate == null ? null : der(certificate::getEncoded);
    }

    static byte[] encode(PKCS10CertificationRequest csr) {
        return csr == null ? null : der(csr::getEncoded);
    }

    static byte[] encodeChain(List<X509CertificateHolder> chain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (X509CertificateHolder c : chain) out.writeBytes(der(c::getEncoded));
        return out.toByteArray();
    }

    static X509CertificateHolder certificate(byte[] der) {
        if (der == null) return null;
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw new IllegalStateException("a stored CA certificate is not valid DER: " + e.getMessage(), e);
        }
    }

    static PKCS10CertificationRequest csr(byte[] der) {
        if (der == null) return null;
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException e) {
            throw new IllegalStateException("a stored CA CSR is not valid DER: " + e.getMessage(), e);
        }
    }

    static List<X509CertificateHolder> chain(byte[] der) {
        List<X509CertificateHolder> chain = new ArrayList<>();
        if (der == null) return chain;
        try (ASN1InputStream in = new ASN1InputStream(der)) {
            for (ASN1Primitive next = in.readObject(); next != null; next = in.readObject()) {
                chain.add(new X509CertificateHolder(Certificate.getInstance(next)));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored CA chain is not valid DER: " + e.getMessage(), e);
        }
        return chain;
    }

    private interface Encoder { byte[] encode() throws IOException; }

    private static byte[] der(Encoder encoder) {
        try {
            return encoder.encode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
