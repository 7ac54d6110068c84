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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Reads and writes PEM and DER for certificates and CSRs; malformed input gets an error naming what was wrong. */
public final class Pem {
    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

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
        byte[] plain = plainBlock(bytes, "CERTIFICATE REQUEST");
        if (plain != null) return plain;
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
                .append(BEGIN).append(type).append(DASHES).append('\n')
                .append(body).append(body.isEmpty() ? "" : "\n")
                .append(END).append(type).append(DASHES).append('\n').toString();
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

    /**
     * The contents of {@code text} when it is exactly one PEM block whose label ends with {@code labelSuffix}, with
     * nothing but whitespace around it, no headers and strict base64; else null, and the caller reads it with Bouncy
     * Castle's reader, which also explains what is wrong. The common case of every issuance request, without the
     * reader's line buffering.
     */
    private static byte[] plainBlock(byte[] text, String labelSuffix) {
        int at = 0;
        while (at < text.length && Character.isWhitespace(text[at])) at++;
        String s = new String(text, at, text.length - at, StandardCharsets.ISO_8859_1);
        if (!s.startsWith(BEGIN)) return null;
        int labelEnd = s.indexOf(DASHES, BEGIN.length());
        if (labelEnd < 0) return null;
        String label = s.substring(BEGIN.length(), labelEnd);
        if (!label.endsWith(labelSuffix)) return null;
        String end = END + label + DASHES;
        int endAt = s.indexOf(end, labelEnd + DASHES.length());
        if (endAt < 0 || !s.substring(endAt + end.length()).isBlank()) return null;
        byte[] base64 = new byte[endAt - labelEnd - DASHES.length()];
        int n = 0;
        for (int i = labelEnd + DASHES.length(); i < endAt; i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
            if (c == ':' || c == '-') return null; // RFC 1421 headers, or a block inside a block
            base64[n++] = (byte) c;
        }
        try {
            byte[] der = Base64.getDecoder().decode(Arrays.copyOf(base64, n));
            return der.length == 0 ? null : der;
        } catch (IllegalArgumentException e) {
            return null;
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
