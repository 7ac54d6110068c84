package dev.stamp.server.http;

import io.javalin.http.Context;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Gives each request an id, echoed in {@code X-Request-Id}, in the request log and in problem details. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "stamp.requestId";
    private static final String STARTED = "stamp.started";
    private final SecureRandom random;

    public RequestIds(SecureRandom random) {
        this.random = random;
    }

    public void assign(Context ctx) {
        byte[] b = new byte[8];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        ctx.attribute(ATTRIBUTE, id);
        ctx.attribute(STARTED, System.nanoTime());
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
