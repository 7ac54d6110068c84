package dev.stamp.server.http;

import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body. With a declared Content-Length (the listener has refused one above its limit before any
 * handler runs) the bytes go straight into one array of that size; Javalin's reader copies them through an 8 KiB
 * buffer and a growing stream first, per request. A chunked body has no declared length and is read by Javalin, which
 * enforces the limit as it reads.
 */
public final class RequestBodies {
    /** Larger declared bodies are the listener's to refuse (413); never read directly, whatever the configuration. */
    private static final long MAX_DIRECT = 1 << 20;
    /** The largest refused body read before the 413 goes out: a few requests' worth, cheap to read and drop. */
    static final long MAX_DRAINED = 4L << 20;

    private RequestBodies() {}

    /**
     * Reads and drops a body the server refuses for its size, up to {@link #MAX_DRAINED} bytes, before the refusal is
     * sent. A server that answers 413 and closes while the client is still sending makes the kernel reset the
     * connection, and the client may lose the 413 to that reset ("lingering close", as nginx does it). Larger bodies
     * are not read: their client gets the reset. The listener's idle timeout bounds a client that stops sending.
     */
    public static void drainRefused(Context ctx, long declared) {
        if (declared > MAX_DRAINED) return;
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] sink = new byte[8192];
            long left = declared;
            while (left > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) return;
                left -= n;
            }
        } catch (IOException e) {
            // The client gave up; the refusal goes out (or not) either way.
        }
    }

    /** The whole body; a body shorter than its Content-Length is a client's mistake, answered with 400. */
    public static byte[] read(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared < 0 || declared > MAX_DIRECT) return ctx.bodyAsBytes();
        byte[] body = new byte[Math.toIntExact(declared)];
        try {
            InputStream in = ctx.req().getInputStream();
            int at = 0;
            while (at < body.length) {
                int n = in.read(body, at, body.length - at);
                if (n < 0) {
                    throw new Problems.EdgeException(ProblemType.MALFORMED_REQUEST,
                            "the request body ended after " + at + " of the " + declared + " bytes its Content-Length declared");
                }
                at += n;
            }
        } catch (IOException e) {
            // The client went away or broke off the body: its request, not the server, is at fault.
            throw new Problems.EdgeException(ProblemType.MALFORMED_REQUEST, "the request body could not be read: " + e.getMessage());
        }
        return body;
    }
}
