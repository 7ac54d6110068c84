package dev.stamp.core.crypto;

import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the bytes of an element inside DER as they were received. A signature covers the signed structure's bytes as
 * sent (a CSR's CertificationRequestInfo, a certificate's TBSCertificate), so verifying over them needs no re-encoding
 * and cannot be fooled by a re-encoding that differs from the original.
 */
public final class DerElements {
    private static final int SEQUENCE = 0x30;

    private DerElements() {}

    /**
     * The complete first element (tag, length and contents) inside the outer SEQUENCE of {@code der}; empty when
     * {@code der} is not a SEQUENCE with definite lengths whose first element fits inside it.
     */
    public static Optional<byte[]> firstInSequence(byte[] der) {
        if (der.length < 2 || (der[0] & 0xff) != SEQUENCE) return Optional.empty();
        long outer = contentStart(der, 0);
        if (outer < 0) return Optional.empty();
        int start = (int) outer;
        long outerEnd = start + length(der, 0);
        if (outerEnd > der.length || start >= outerEnd || (der[start] & 0x1f) == 0x1f) return Optional.empty(); // multi-byte tags: not in these structures
        long inner = contentStart(der, start);
        if (inner < 0) return Optional.empty();
        long end = inner + length(der, start);
        if (end > outerEnd) return Optional.empty();
        return Optional.of(Arrays.copyOfRange(der, start, (int) end));
    }

    /** Where the contents of the element at {@code at} begin; -1 for an indefinite or malformed length. */
    private static long contentStart(byte[] der, int at) {
        if (at + 1 >= der.length) return -1;
        int first = der[at + 1] & 0xff;
        if (first < 0x80) return at + 2;
        int octets = first & 0x7f;
        if (octets == 0 || octets > 4 || at + 1 + octets >= der.length) return -1; // 0: indefinite (BER)
        return at + 2 + octets;
    }

    /** The contents length of the element at {@code at} (its length octets already checked by {@link #contentStart}). */
    private static long length(byte[] der, int at) {
        int first = der[at + 1] & 0xff;
        if (first < 0x80) return first;
        long n = 0;
        for (int i = 0; i < (first & 0x7f); i++) n = (n << 8) | (der[at + 2 + i] & 0xff);
        return n;
    }
}
