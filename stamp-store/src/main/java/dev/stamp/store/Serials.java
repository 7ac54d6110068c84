package dev.stamp.store;

import java.math.BigInteger;

/**
 * Serials as stored: lowercase hex, zero-padded to at least 32 digits as in AWS certificate ARNs, so that each
 * serial has exactly one text form and a lookup is an exact match. A negative serial (which RFC 5280 forbids)
 * keeps a leading minus sign and so can never collide with a positive one.
 */
final class Serials {
    private static final int MIN_DIGITS = 32;

    private Serials() {}

    static String encode(BigInteger serial) {
        String hex = serial.abs().toString(16);
        if (hex.length() < MIN_DIGITS) hex = "0".repeat(MIN_DIGITS - hex.length()) + hex;
        return serial.signum() < 0 ? "-" + hex : hex;
    }

    static BigInteger decode(String text) {
        // Stored serials are an even number of hex digits: decoding them as bytes is several times faster than the
        // radix-16 BigInteger parser, which a CRL of a million entries feels.
        if (!text.isEmpty() && text.charAt(0) != '-' && (text.length() & 1) == 0) {
            return new BigInteger(1, java.util.HexFormat.of().parseHex(text));
        }
        return new BigInteger(text, 16);
    }
}
