package dev.stamp.server.auth;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.token.ApiTokens;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Checks the bearer token and the route's {@link Permission} before a matched handler runs. Failures are audited
 * (never with the presented token) and rate-limited per remote address.
 */
public final class Authenticator {
    private static final String ATTRIBUTE = "stamp.principal";
    private final ApiTokens tokens;
    private final AuditStore audit;
    private final InstantSource clock;
    private final FailureLimiter limiter;

    /** {@code failures} bad tokens in a row, then one more per {@code refillEvery}. */
    public Authenticator(ApiTokens tokens, AuditStore audit, InstantSource clock, int failures, Duration refillEvery) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.limiter = new FailureLimiter(clock, failures, refillEvery);
    }

    /** A before-matched handler: 401, 403 or 429 as a {@link StampException}, else the principal is set. */
    public void check(Context ctx) {
        Permission needed = ctx.routeRoles().stream().filter(Permission.class::isInstance).map(Permission.class::cast)
                .findFirst().orElse(Permission.ADMIN); // a route that forgot to say is admin-only, not open
        if (needed == Permission.PUBLIC) return;
        String address = ctx.ip();
        if (!limiter.allowed(address)) {
            throw StampException.limit("too many failed authentications from this address; try again later");
        }
        Optional<String> presented = bearer(ctx.header("Authorization"));
        var token = presented.flatMap(tokens::authenticate);
        if (token.isEmpty()) {
            limiter.failed(address);
            String reason = presented.isEmpty() ? "no bearer token" : "unknown, revoked or expired token";
            audit.append(new AuditEvent(clock.instant(), "anonymous", "auth.failed", "", address, ctx.method() + " " + ctx.path() + ": " + reason));
            throw new StampException(ErrorCode.UNAUTHORIZED, "a valid API token is needed: Authorization: Bearer stamp_...");
        }
        Principal principal = new Principal(token.get());
        String caId = ctx.pathParamMap().get("caId");
        if (!principal.allows(needed, caId)) {
            throw new StampException(ErrorCode.FORBIDDEN, "token " + principal.token().id() + " (" + principal.token().role().name().toLowerCase(java.util.Locale.ROOT)
                    + ") may not " + ctx.method() + " " + ctx.path());
        }
        ctx.attribute(ATTRIBUTE, principal);
    }

    /** The caller a matched route was authorised for. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) throw new IllegalStateException("no principal: the route is public or the authenticator did not run");
        return p;
    }

    private static Optional<String> bearer(String header) {
        if (header == null) return Optional.empty();
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return Optional.of(h.substring(7).strip());
    }
}
