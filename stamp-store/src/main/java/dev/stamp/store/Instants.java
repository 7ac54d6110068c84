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
        return text == null ? null : Instant.parse(text);
    }
}
