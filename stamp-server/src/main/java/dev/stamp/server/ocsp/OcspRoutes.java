package dev.stamp.server.ocsp;

import dev.stamp.core.ocsp.OcspAnswer;
import dev.stamp.core.ocsp.OcspResponder;
import dev.stamp.server.http.HttpCaching;
import dev.stamp.server.http.IssuanceMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The OCSP responder on the plain-HTTP listener (RFC 6960 appendix A, RFC 5019): {@code POST /ocsp} with a DER
 * request body and {@code GET /ocsp/{request}} with the request in base64 (standard, URL-encoded, as RFC 5019 says, or
 * base64url). Every answer, a malformed request's too, is HTTP 200 {@code application/ocsp-response}: the OCSP status
 * travels inside. Answers without nonce carry the RFC 5019 section 6 caching headers, so a CDN can serve them.
 */
public final class OcspRoutes {
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

    public OcspRoutes(OcspResponder responder, InstantSource clock, IssuanceMetrics metrics) {
        this.responder = responder;
        this.clock = clock;
        this.metrics = metrics;
    }

    public void register(JavalinConfig config) {
        // The content type is not checked: the body is parsed either way, and a wrong one is answered malformedRequest.
        config.routes.post("/ocsp", ctx -> send(ctx, responder.respond(ctx.bodyAsBytes()), false));
        // <request> takes slashes: standard base64 has them, and some clients do not escape them.
        config.routes.get("/ocsp/<request>", ctx -> send(ctx, responder.respond(GetRequest.decode(rawRequest(ctx))), true));
    }

    /** The request part of the path as sent, before any percent-decoding (which must not turn '+' into a space). */
    private static String rawRequest(Context ctx) {
        String uri = ctx.req().getRequestURI();
        int at = uri.indexOf("/ocsp/");
        return at < 0 ? "" : uri.substring(at + "/ocsp/".length());
    }

    /**
     * RFC 5019 section 6.2: Last-Modified is thisUpdate, Expires is nextUpdate, and max-age runs to the point where this
     * responder signs a newer response (never past nextUpdate), so a cache picks the refreshed one up. A GET whose
     * If-None-Match names this response, or whose If-Modified-Since is not before its thisUpdate, gets 304.
     */
    private void send(Context ctx, OcspAnswer answer, boolean get) {
        metrics.countOcsp(answer.status().label());
        // A few hundred bytes of signed DER: nothing to gain, and Javalin's per-response compression checks cost.
        ctx.disableCompression();
        ctx.contentType(RESPONSE_TYPE);
        if (!answer.cacheable()) {
            ctx.status(200).header("Cache-Control", "no-store").result(answer.der());
            return;
        }
        Prepared p = prepared.computeIfAbsent(answer, this::prepare);
        long maxAge = Math.max(0, Duration.between(clock.instant(), p.until()).toSeconds());
        ctx.header("Cache-Control", "max-age=" + maxAge + ", public, no-transform, must-revalidate")
                .header("Last-Modified", p.lastModified())
                .header("Expires", p.expires())
                .header("ETag", p.etag());
        if (get && HttpCaching.notModified(ctx.header("If-None-Match"), ctx.header("If-Modified-Since"), p.etag(), answer.thisUpdate())) {
            ctx.status(304);
            return;
        }
        ctx.status(200);
        write(ctx, p.der());
    }

    /**
     * Straight to the servlet stream with its length: Javalin's result() wraps the bytes in an InputStream and copies
     * them through a buffer, a visible share of a GET that sends a few hundred bytes.
     */
    private static void write(Context ctx, byte[] der) {
        try {
            ctx.res().setContentLength(der.length);
            ctx.res().getOutputStream().write(der);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // the client went away; Jetty ends the exchange
        }
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

    /** Decodes the path segment of an OCSP GET into DER; undecodable text becomes bytes the responder refuses. */
    static final class GetRequest {
        private GetRequest() {}

        static byte[] decode(String raw) {
            try {
                String text = percentDecode(raw);
                boolean url = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
                return (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text.strip());
            } catch (IllegalArgumentException e) {
                return new byte[0];
            }
        }

        /** Percent-decoding only: in a path, '+' is a base64 digit, not a space. */
        static String percentDecode(String s) {
            if (s.indexOf('%') < 0) return s;
            byte[] out = new byte[s.length()];
            int n = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '%') {
                    if (i + 2 >= s.length()) throw new IllegalArgumentException("truncated escape");
                    out[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                    i += 2;
                } else {
                    out[n++] = (byte) c;
                }
            }
            return new String(out, 0, n, StandardCharsets.US_ASCII);
        }
    }
}
