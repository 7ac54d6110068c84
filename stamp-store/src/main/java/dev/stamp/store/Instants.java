package dev.stamp.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as stored: fixed-width UTC text with nanoseconds, so that text order is time order on both databases
 * and a value reads back exactly as it was written (years 0 to 9999, which covers X.509's 99991231235959Z).
 */
final class Instants {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private Instants() {}

    static String encode(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    static Instant decode(String text) {
        if (text == null) return null;
        // The stored form is fixed-width; reading it by position is ~10x faster than Instant.parse, which matters when
        // a CRL streams a million revocation times.
        if (text.length() == 30 && text.charAt(4) == '-' && text.charAt(10) == 'T' && text.charAt(19) == '.' && text.charAt(29) == 'Z') {
            long seconds = java.time.LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), number(text, 17, 19)).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(seconds, number(text, 20, 29));
        }
        return Instant.parse(text);
    }

    private static int number(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) throw new java.time.format.DateTimeParseException("not a stored instant", text, i);
            n = n * 10 + d;
        }
        return n;
    }
}
