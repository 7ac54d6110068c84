package dev.stamp.server.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** HTTP caching for the published documents (CRLs, OCSP responses): dates and conditional requests, RFC 9110. */
public final class HttpCaching {
    /** IMF-fixdate (RFC 9110 5.6.7): RFC_1123_DATE_TIME would drop the day's leading zero. */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpCaching() {}

    /** An HTTP date (Expires, Last-Modified). */
    public static String date(Instant t) {
        return IMF_FIXDATE.format(t);
    }

    /**
     * Whether a conditional request may get 304 for the representation with {@code etag} last modified at
     * {@code lastModified} (whole seconds): If-None-Match decides when present (weak comparison, RFC 9110 13.1.2),
     * else If-Modified-Since; an invalid date is ignored (13.1.3).
     */
    public static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.startsWith("W/")) t = t.substring(2);
                if (t.equals("*") || t.equals(etag)) return true;
            }
            return false;
        }
        if (ifModifiedSince == null) return false;
        try {
            return !lastModified.isAfter(ZonedDateTime.parse(ifModifiedSince.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
