package dev.stamp.manager.policy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * cert-manager's messages are Go format strings; these render values the way Go does, so the messages read the same:
 * {@code %v} of a string slice (for {@code %q}, see {@link dev.stamp.manager.manifest.GoQuote}), {@code time.Time.String()} and {@code time.RFC1123} in UTC.
 */
final class GoText {
    private static final DateTimeFormatter TIME_STRING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private GoText() {}

    /** {@code fmt.Sprintf("%v", []string{...})}: "[a b c]". */
    static String list(List<String> values) {
        return "[" + String.join(" ", values) + "]";
    }

    /** Go's {@code time.Time.String()} of a UTC time: "2026-06-01 12:00:00 +0000 UTC", fractions only when present. */
    static String time(Instant t) {
        StringBuilder b = new StringBuilder(TIME_STRING.format(t));
        if (t.getNano() != 0) {
            String nanos = String.format(Locale.ROOT, "%09d", t.getNano()).replaceAll("0+$", "");
            b.append('.').append(nanos);
        }
        return b.append(" +0000 UTC").toString();
    }

    /** Go's {@code time.RFC1123} of a UTC time: "Mon, 01 Jun 2026 12:00:00 UTC". */
    static String rfc1123(Instant t) {
        return RFC1123.format(t);
    }
}
