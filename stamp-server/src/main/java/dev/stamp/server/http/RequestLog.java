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
        LOG.info("request id={} method={} path={} status={} durationMs={}", RequestIds.of(ctx), ctx.method(), ctx.path(),
                ctx.statusCode(), String.format(java.util.Locale.ROOT, "%.1f", millis));
    }
}
