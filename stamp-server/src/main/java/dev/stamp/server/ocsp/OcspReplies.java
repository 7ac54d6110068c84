package dev.stamp.server.ocsp;

import dev.stamp.core.ocsp.OcspAnswer;
import dev.stamp.core.ocsp.OcspResponder;
import dev.stamp.server.http.HttpCaching;
import dev.stamp.server.http.IssuanceMetrics;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What to send for an OCSP answer, whichever HTTP layer sends it (the POST route and the GET fast path). RFC 5019
 * section 6.2: Last-Modified is thisUpdate, Expires is nextUpdate, and max-age runs to the point where this responder
 * signs a newer response (never past nextUpdate), so a cache picks the refreshed one up. A GET whose If-None-Match
 * names the response, or whose If-Modified-Since is not before its thisUpdate, gets 304. Thread-safe.
 */
final class OcspReplies {
    static final String RESPONSE_TYPE = "application/ocsp-response";

    private final OcspResponder responder;
    private final InstantSource clock;
    private final IssuanceMetrics metrics;
    /**
     * What a kept answer's headers need, worked out once per answer rather than per request (a SHA-256 and two date
     * formats were a visible share of a GET). Keyed by the answer object itself (a record with an array: identity), held
     * weakly so the responder's cache decides how long.
     */
    private final Map<OcspAnswer, Prepared> prepared = Collections.synchronizedMap(new WeakHashMap<>());

    /** The DER to send and the fixed caching headers of one cacheable answer. */
    private record Prepared(byte[] der, String etag, String lastModified, String expires, Instant until) {}

    /**
     * One reply: status 200 or 304, and for a cacheable answer its caching headers (null otherwise: then
     * {@code Cache-Control: no-store}). The body is empty for 304.
     */
    record Reply(int status, String cacheControl, String lastModified, String expires, String etag, byte[] body) {}

    OcspReplies(OcspResponder responder, InstantSource clock, IssuanceMetrics metrics) {
        this.responder = responder;
        this.clock = clock;
        this.metrics = metrics;
    }

    OcspResponder responder() {
        return responder;
    }

    Reply reply(OcspAnswer answer, String ifNoneMatch, String ifModifiedSince) {
        metrics.countOcsp(answer.status().label());
        if (!answer.cacheable()) {
            return new Reply(200, "no-store", null, null, null, answer.der());
        }
        Prepared p = prepared.computeIfAbsent(answer, this::prepare);
        long maxAge = Math.max(0, Duration.between(clock.instant(), p.until()).toSeconds());
        String cacheControl = "max-age=" + maxAge + ", public, no-transform, must-revalidate";
        boolean notModified = HttpCaching.notModified(ifNoneMatch, ifModifiedSince, p.etag(), answer.thisUpdate());
        return new Reply(notModified ? 304 : 200, cacheControl, p.lastModified(), p.expires(), p.etag(),
                notModified ? new byte[0] : p.der());
    }

    private Prepared prepare(OcspAnswer answer) {
        byte[] der = answer.der();
        Instant fresh = responder.refreshedAt(answer);
        Instant until = fresh == null || fresh.isAfter(answer.nextUpdate()) ? answer.nextUpdate() : fresh;
        return new Prepared(der, "\"" + etag(der) + "\"", HttpCaching.date(answer.thisUpdate()), HttpCaching.date(answer.nextUpdate()), until);
    }

    private static String etag(byte[] der) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(der);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
