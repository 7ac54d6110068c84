package dev.stamp.server.rest;

import dev.stamp.core.StampException;
import dev.stamp.core.store.CertificateCursor;
import dev.stamp.core.store.CertificateStatus;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Query parameters of list routes, each refused with a message that names the bad value. */
final class ListParams {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final String AUDIT_CURSOR_PREFIX = "audit:";

    private ListParams() {}

    static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) return DEFAULT_LIMIT;
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw StampException.invalidArgument("limit must be a whole number, not '" + shorten(text) + "'");
        }
        if (n < 1 || n > MAX_LIMIT) throw StampException.invalidArgument("limit must be between 1 and " + MAX_LIMIT + ", not " + n);
        return n;
    }

    static CertificateStatus status(Context ctx) {
        String text = ctx.queryParam("status");
        return text == null || text.isBlank() ? null : Mapping.enumValue(CertificateStatus.class, "status", shorten(text));
    }

    /** RFC 3339 with an offset, e.g. 2026-12-01T00:00:00Z. */
    static Instant instant(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw StampException.invalidArgument(name + " must be an RFC 3339 time such as 2026-12-01T00:00:00Z, not '" + shorten(text) + "'");
        }
    }

    static CertificateCursor certificateCursor(Context ctx) {
        String text = ctx.queryParam("cursor");
        return text == null || text.isBlank() ? null : CertificateCursor.parse(text);
    }

    /** The audit log pages by sequence number; the cursor wraps it so that clients treat it as opaque. */
    static long auditCursor(Context ctx) {
        String text = ctx.queryParam("cursor");
        if (text == null || text.isBlank()) return 0;
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (!plain.startsWith(AUDIT_CURSOR_PREFIX)) throw new IllegalArgumentException();
            long after = Long.parseLong(plain.substring(AUDIT_CURSOR_PREFIX.length()));
            if (after < 0) throw new IllegalArgumentException();
            return after;
        } catch (IllegalArgumentException e) {
            throw StampException.invalidArgument("cursor '" + shorten(text) + "' is not a cursor from a previous listing");
        }
    }

    static String auditCursor(long afterSequence) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((AUDIT_CURSOR_PREFIX + afterSequence).getBytes(StandardCharsets.UTF_8));
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
