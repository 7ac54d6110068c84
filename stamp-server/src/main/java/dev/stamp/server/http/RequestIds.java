package dev.stamp.server.http;

import io.javalin.http.Context;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gives each request an id, echoed in {@code X-Request-Id}, in the request log and in problem details. Ids need to be
 * unique, not secret: a counter from a random start (drawn once) gives 16 hex digits without a call into the system's
 * random source per request.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "stamp.requestId";
    private static final String STARTED = "stamp.started";
    private final AtomicLong next;

    public RequestIds(SecureRandom random) {
        this.next = new AtomicLong(random.nextLong());
    }

    public void assign(Context ctx) {
        String id = next();
        ctx.attribute(ATTRIBUTE, id);
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header(HEADER, id);
    }

    /** A fresh id, for a handler that runs outside Javalin. */
    public String next() {
        return HexFormat.of().toHexDigits(next.getAndIncrement());
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
