package dev.stamp.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.StampException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a problem document: a {@link StampException} by its code, the edge's own errors
 * (bad JSON, oversize bodies, unknown routes) by theirs, and anything else into a 500 without detail, logged once
 * with its stack under the request id.
 */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private final ObjectMapper json;

    public Problems(ObjectMapper json) {
        this.json = json;
    }

    /** A failure of the HTTP edge itself, with its problem type. */
    public static final class EdgeException extends RuntimeException {
        private final ProblemType type;

        public EdgeException(ProblemType type, String message) {
            super(message);
            this.type = type;
        }

        public ProblemType type() { return type; }
    }

    public void register(JavalinConfig config) {
        config.routes.exception(StampException.class, (e, ctx) -> send(ctx, ProblemType.of(e.code()), e.getMessage()));
        config.routes.exception(EdgeException.class, (e, ctx) -> send(ctx, e.type(), e.getMessage()));
        config.routes.exception(JsonProcessingException.class, (e, ctx) -> send(ctx, ProblemType.MALFORMED_REQUEST,
                "the request body is not valid JSON for this endpoint: " + e.getOriginalMessage()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> send(ctx, edge(e.getStatus()), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} {} failed", RequestIds.of(ctx), ctx.method(), ctx.path(), e);
            send(ctx, ProblemType.INTERNAL, null);
        });
        config.routes.error(404, ctx -> {
            if (!isProblem(ctx)) send(ctx, ProblemType.NOT_FOUND, "no route for " + ctx.method() + " " + ctx.path());
        });
        config.routes.error(405, ctx -> {
            if (!isProblem(ctx)) send(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed on " + ctx.path());
        });
    }

    private static ProblemType edge(int status) {
        return switch (status) {
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.MALFORMED_REQUEST;
        };
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    private void send(Context ctx, ProblemType type, String detail) {
        try {
            byte[] body = json.writeValueAsBytes(type.problem(detail, ctx.path(), RequestIds.of(ctx)));
            ctx.status(type.status()).contentType(Problem.MEDIA_TYPE).result(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
