package dev.stamp.server.ocsp;

import dev.stamp.core.ocsp.OcspAnswer;
import dev.stamp.core.ocsp.OcspResponder;
import dev.stamp.server.http.IssuanceMetrics;
import dev.stamp.server.http.RequestBodies;
import dev.stamp.server.http.RequestIds;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.InstantSource;

/**
 * The OCSP responder on the plain-HTTP listener (RFC 6960 appendix A, RFC 5019): {@code POST /ocsp} with a DER
 * request body and {@code GET /ocsp/{request}} with the request in base64 (standard, URL-encoded, as RFC 5019 says, or
 * base64url). Every answer, a malformed request's too, is HTTP 200 {@code application/ocsp-response}: the OCSP status
 * travels inside. Answers without nonce carry the RFC 5019 section 6 caching headers, so a CDN can serve them.
 */
public final class OcspRoutes {
    private final OcspReplies replies;

    public OcspRoutes(OcspResponder responder, InstantSource clock, IssuanceMetrics metrics) {
        this.replies = new OcspReplies(responder, clock, metrics);
    }

    /**
     * POST on Javalin's routes. GET, the cacheable form relying parties and CDNs use most, is answered by
     * {@link #getHandler} in front of Javalin, which the server must install.
     */
    public void register(JavalinConfig config) {
        // The content type is not checked: the body is parsed either way, and a wrong one is answered malformedRequest.
        config.routes.post("/ocsp", ctx -> send(ctx, replies.responder().respond(RequestBodies.read(ctx))));
    }

    /** The Jetty handler that answers {@code GET /ocsp/...} before Javalin's servlet path; see {@link OcspGetHandler}. */
    public OcspGetHandler getHandler(RequestIds requestIds) {
        return new OcspGetHandler(replies, requestIds);
    }

    /** A POST is not a conditional request: always 200 with the response. */
    private void send(Context ctx, OcspAnswer answer) {
        OcspReplies.Reply reply = replies.reply(answer, null, null);
        // A few hundred bytes of signed DER: nothing to gain, and Javalin's per-response compression checks cost.
        ctx.disableCompression();
        ctx.contentType(OcspReplies.RESPONSE_TYPE);
        ctx.header("Cache-Control", reply.cacheControl());
        if (reply.etag() != null) {
            ctx.header("Last-Modified", reply.lastModified()).header("Expires", reply.expires()).header("ETag", reply.etag());
        }
        write(ctx, reply.body());
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
}
