package dev.stamp.core.crypto;

import dev.stamp.core.StampException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads and writes PEM and DER for certificates and CSRs; malformed input gets an error naming what was wrong. */
public final class Pem {
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    /** True when the bytes look like PEM text rather than DER. */
    public static boolean isPem(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '-') return true;
            if (!Character.isWhitespace(b)) return false;
        }
        return false;
    }

    /** One CSR from PEM ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST") or DER. */
    public static PKCS10CertificationRequest csr(byte[] bytes) {
        return csrFromDer(csrDer(bytes));
    }

    /** The DER of one CSR given as PEM ("CERTIFICATE REQUEST" or "NEW CERTIFICATE REQUEST") or DER (returned as is). */
    public static byte[] csrDer(byte[] bytes) {
        if (!isPem(bytes)) return bytes;
        List<PemObject> objects = read(bytes, "CSR", StampException::malformedCsr);
        if (objects.size() != 1 || !objects.getFirst().getType().endsWith("CERTIFICATE REQUEST")) {
            throw StampException.malformedCsr("expected one PEM block 'CERTIFICATE REQUEST', found "
                    + objects.stream().map(PemObject::getType).toList());
        }
        return objects.getFirst().getContent();
    }

    /** One CSR from its DER. */
    public static PKCS10CertificationRequest csrFromDer(byte[] der) {
        try {
            return new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw StampException.malformedCsr("the CSR is not a valid PKCS#10 structure: " + e.getMessage());
        }
    }

    /** Every certificate in PEM text (in order) or a single DER certificate. */
    public static List<X509CertificateHolder> certificates(byte[] bytes) {
        if (!isPem(bytes)) return List.of(certificate(bytes));
        List<X509CertificateHolder> out = new ArrayList<>();
        for (PemObject o : read(bytes, "certificate", StampException::malformedCertificate)) {
            if (!o.getType().equals("CERTIFICATE")) {
                throw StampException.malformedCertificate("expected PEM blocks 'CERTIFICATE', found '" + o.getType() + "'");
            }
            out.add(certificate(o.getContent()));
        }
        return List.copyOf(out);
    }

    /** One DER certificate. */
    public static X509CertificateHolder certificate(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            throw StampException.malformedCertificate("not a valid X.509 certificate: " + e.getMessage());
        }
    }

    /**
     * RFC 7468 text: the label lines around the base64 of {@code der} in lines of 64 characters, each line ended by
     * a line feed. Written with the JDK's base64 encoder: this runs for every certificate the server sends.
     */
    public static String encode(String type, byte[] der) {
        String body = LINES.encodeToString(der);
        return new StringBuilder(body.length() + 2 * type.length() + 34)
                .append("-----BEGIN ").append(type).append("-----\n")
                .append(body).append(body.isEmpty() ? "" : "\n")
                .append("-----END ").append(type).append("-----\n").toString();
    }

    public static String certificate(X509CertificateHolder cert) {
        return encode("CERTIFICATE", encoded(cert));
    }

    public static String certificates(List<X509CertificateHolder> certs) {
        StringBuilder b = new StringBuilder();
        for (X509CertificateHolder c : certs) b.append(certificate(c));
        return b.toString();
    }

    public static String csr(PKCS10CertificationRequest csr) {
        try {
            return encode("CERTIFICATE REQUEST", csr.getEncoded());
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static byte[] encoded(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<PemObject> read(byte[] bytes, String what, java.util.function.Function<String, StampException> error) {
        List<PemObject> out = new ArrayList<>();
        try (PemReader r = new PemReader(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            PemObject o;
            while ((o = r.readPemObject()) != null) out.add(o);
        } catch (IOException | RuntimeException e) {
            throw error.apply("malformed PEM " + what + ": " + e.getMessage());
        }
        if (out.isEmpty()) throw error.apply("no PEM " + what + " found in the input");
        return out;
    }
}
