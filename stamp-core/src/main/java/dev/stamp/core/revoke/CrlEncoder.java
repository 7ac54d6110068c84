package dev.stamp.core.revoke;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Object;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x500.X500Name;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
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
            entries = new Buffer(Files.newOutputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for CRL entries", e);
        }
    }

    /** Hand-written DER: this runs a million times per large CRL, so it allocates only the serial's bytes. */
    void add(CrlEntry entry) {
        byte[] serial = entry.serial().toByteArray(); // two's complement, minimal: exactly DER INTEGER contents
        byte[] extensions = REASON_EXTENSIONS.get(entry.reason());
        int serialTlv = headerLength(serial.length) + serial.length;
        int body = serialTlv + timeLength(entry.revokedAt()) + (extensions == null ? 0 : extensions.length);
        try {
            writeHeader(entries, SEQUENCE, body);
            writeHeader(entries, (byte) 0x02, serial.length);
            entries.write(serial);
            writeTime(entries, entry.revokedAt());
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
            writeTime(head, thisUpdate);
            writeTime(head, nextUpdate);
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

    /** RFC 5280 4.1.2.5: UTCTime (YYMMDDHHMMSSZ) for 1950 to 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) otherwise. */
    private static boolean utcTime(LocalDateTime t) {
        return t.getYear() >= 1950 && t.getYear() < 2050;
    }

    private static int timeLength(Instant instant) {
        return utcTime(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC)) ? 15 : 17;
    }

    private static void writeTime(OutputStream out, Instant instant) throws IOException {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        boolean utc = utcTime(t);
        out.write(utc ? 0x17 : 0x18);
        out.write(utc ? 13 : 15);
        if (utc) {
            digits(out, t.getYear() % 100, 2);
        } else {
            digits(out, t.getYear(), 4);
        }
        digits(out, t.getMonthValue(), 2);
        digits(out, t.getDayOfMonth(), 2);
        digits(out, t.getHour(), 2);
        digits(out, t.getMinute(), 2);
        digits(out, t.getSecond(), 2);
        out.write('Z');
    }

    private static void digits(OutputStream out, int value, int width) throws IOException {
        for (int p = width - 1; p >= 0; p--) {
            int d = value;
            for (int i = 0; i < p; i++) d /= 10;
            out.write('0' + d % 10);
        }
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

    /**
     * An unsynchronised write buffer: each entry is a dozen small writes, and BufferedOutputStream takes a lock on
     * every one of them.
     */
    private static final class Buffer extends OutputStream {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int at;

        Buffer(OutputStream out) { this.out = out; }

        @Override public void write(int b) throws IOException {
            if (at == buf.length) drain();
            buf[at++] = (byte) b;
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            if (len > buf.length - at) drain();
            if (len > buf.length) {
                out.write(b, off, len);
                return;
            }
            System.arraycopy(b, off, buf, at, len);
            at += len;
        }

        private void drain() throws IOException {
            out.write(buf, 0, at);
            at = 0;
        }

        @Override public void close() throws IOException {
            if (at > 0) drain();
            out.close();
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
