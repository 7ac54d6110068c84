package dev.stamp.core.revoke;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x500.X500Name;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a v2 TBSCertList and the signed CertificateList in DER without ever holding the entries as objects.
 * The entries stream to a temporary file as they are encoded; their total length is then known, so the outer
 * SEQUENCE headers get their definite lengths and the TBSCertList is assembled in one exact-size array
 * (the vault signs whole messages). For a million entries that is ~50 MB for the TBSCertList and as much for the
 * signed CRL, instead of the gigabyte that a million Bouncy Castle entry objects would take.
 * One instance builds one CRL; not thread-safe.
 */
final class CrlEncoder implements AutoCloseable {
    private static final byte SEQUENCE = 0x30;
    private static final byte BIT_STRING = 0x03;
    private static final byte[] VERSION_2 = der(new ASN1Integer(1));
    /** RFC 5280 5.3.1: omit the reasonCode extension rather than write unspecified. */
    private static final Map<RevocationReason, byte[]> REASON_EXTENSIONS = reasonExtensions();

    private final Path file;
    private final OutputStream entries;
    private long entryBytes;
    private long count;

    CrlEncoder() {
        try {
            file = Files.createTempFile("stamp-crl-", ".der");
            entries = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for CRL entries", e);
        }
    }

    void add(CrlEntry entry) {
        byte[] serial = der(new ASN1Integer(entry.serial()));
        byte[] date = der(time(entry.revokedAt()));
        byte[] extensions = REASON_EXTENSIONS.get(entry.reason());
        int body = serial.length + date.length + (extensions == null ? 0 : extensions.length);
        try {
            writeHeader(entries, SEQUENCE, body);
            entries.write(serial);
            entries.write(date);
            if (extensions != null) entries.write(extensions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CRL entries to " + file, e);
        }
        entryBytes += headerLength(body) + body;
        count++;
    }

    long count() { return count; }

    /** The TBSCertList: version 2, signature, issuer, thisUpdate, nextUpdate, the entries (if any), the extensions. */
    byte[] tbs(AlgorithmIdentifier signature, X500Name issuer, Instant thisUpdate, Instant nextUpdate, Extensions extensions) {
        try {
            entries.close();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write(VERSION_2);
            head.write(der(signature));
            head.write(der(issuer));
            head.write(der(time(thisUpdate)));
            head.write(der(time(nextUpdate)));
            byte[] tail = explicit0(der(extensions));
            long revoked = count == 0 ? 0 : headerLength(entryBytes) + entryBytes;
            long body = head.size() + revoked + tail.length;
            byte[] tbs = new byte[Math.toIntExact(headerLength(body) + body)];
            Cursor c = new Cursor(tbs);
            c.header(SEQUENCE, body);
            c.put(head.toByteArray());
            if (count > 0) {
                c.header(SEQUENCE, entryBytes);
                try (InputStream in = Files.newInputStream(file)) {
                    c.fill(in, entryBytes);
                }
            }
            c.put(tail);
            return tbs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CRL entries back from " + file, e);
        }
    }

    /** CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }. */
    static byte[] signed(byte[] tbs, AlgorithmIdentifier algorithm, byte[] signature) {
        byte[] alg = der(algorithm);
        long bits = 1 + signature.length;
        long body = tbs.length + alg.length + headerLength(bits) + bits;
        byte[] crl = new byte[Math.toIntExact(headerLength(body) + body)];
        Cursor c = new Cursor(crl);
        c.header(SEQUENCE, body);
        c.put(tbs);
        c.put(alg);
        c.header(BIT_STRING, bits);
        c.put(new byte[] {0});
        c.put(signature);
        return crl;
    }

    @Override
    public void close() {
        try {
            entries.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary CRL file " + file, e);
        }
    }

    /** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050; Bouncy Castle's Time(Date) chooses so. */
    private static Time time(Instant instant) {
        return new Time(Date.from(instant), Locale.ROOT);
    }

    private static byte[] explicit0(byte[] content) {
        byte[] out = new byte[headerLength(content.length) + content.length];
        Cursor c = new Cursor(out);
        c.header((byte) 0xA0, content.length);
        c.put(content);
        return out;
    }

    static int headerLength(long length) {
        if (length < 0x80) return 2;
        int octets = 0;
        for (long l = length; l > 0; l >>>= 8) octets++;
        return 2 + octets;
    }

    private static void writeHeader(OutputStream out, byte tag, long length) throws IOException {
        out.write(tag);
        if (length < 0x80) {
            out.write((int) length);
            return;
        }
        int octets = headerLength(length) - 2;
        out.write(0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) out.write((int) (length >>> (8 * i)) & 0xFF);
    }

    private static Map<RevocationReason, byte[]> reasonExtensions() {
        Map<RevocationReason, byte[]> map = new EnumMap<>(RevocationReason.class);
        for (RevocationReason r : RevocationReason.values()) {
            if (r == RevocationReason.UNSPECIFIED) continue;
            map.put(r, der(new Extensions(new Extension(Extension.reasonCode, false, der(CRLReason.lookup(r.code()))))));
        }
        return map;
    }

    static byte[] der(ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills an exact-size array front to back. */
    private static final class Cursor {
        private final byte[] out;
        private int at;

        Cursor(byte[] out) { this.out = out; }

        void put(byte[] bytes) {
            System.arraycopy(bytes, 0, out, at, bytes.length);
            at += bytes.length;
        }

        void header(byte tag, long length) {
            ByteArrayOutputStream b = new ByteArrayOutputStream(8);
            try {
                writeHeader(b, tag, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            put(b.toByteArray());
        }

        void fill(InputStream in, long length) throws IOException {
            int n = in.readNBytes(out, at, Math.toIntExact(length));
            if (n != length) throw new IOException("expected " + length + " bytes of CRL entries, read " + n);
            at += n;
        }
    }

}
