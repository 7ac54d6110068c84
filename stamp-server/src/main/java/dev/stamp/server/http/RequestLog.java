package dev.stamp.server.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request: id, method, path, status, duration. Never a header, a query or a body, so
 * neither a token nor a key can reach the log.
 */
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.stamp.server.requests");

    private RequestLog() {}

    public static void log(Context ctx, Float millis) {
        if (!LOG.isInfoEnabled()) return;
        LOG.info("request id={} method={} path={} status={} durationMs={}", RequestIds.of(ctx), ctx.method(), ctx.path(),
                ctx.statusCode(), tenths(millis));
    }

    /** The same line for a request answered outside Javalin (the OCSP GET fast path). */
    public static void log(String id, String method, String path, int status, long startedNanos) {
        if (!LOG.isInfoEnabled()) return;
        LOG.info("request id={} method={} path={} status={} durationMs={}", id, method, path, status,
                tenths((System.nanoTime() - startedNanos) / 1e6f));
    }

    /** "12.3": what String.format("%.1f") wrote, without a Formatter per request. */
    static String tenths(Float millis) {
        if (millis == null || millis.isNaN() || millis.isInfinite()) return String.valueOf(millis);
        long t = Math.round(Math.abs(millis.doubleValue()) * 10);
        return (millis < 0 && t != 0 ? "-" : "") + t / 10 + "." + t % 10;
    }
}
