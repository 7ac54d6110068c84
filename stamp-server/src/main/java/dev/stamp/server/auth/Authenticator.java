package dev.stamp.server.auth;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.server.config.RequestRate;
import io.javalin.http.Context;

import java.security.cert.X509Certificate;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Finds the caller (a bearer token, else a client certificate that a rule maps) and checks the route's
 * {@link Permission} before a matched handler runs. Failures are audited (never with the presented token) and
 * rate-limited per remote address; authenticated callers are rate-limited per token or certificate subject.
 */
public final class Authenticator {
    private static final String ATTRIBUTE = "stamp.principal";
    private final ApiTokens tokens;
    private final AuditStore audit;
    private final InstantSource clock;
    private static final String CLIENT_CERTIFICATES = "jakarta.servlet.request.X509Certificate";
    private final FailureLimiter limiter;
    private final ClientCertificates clients;
    private final RequestLimiter requests;
    private final RevocationCheck revocations;

    /** {@code failures} bad tokens in a row, then one more per {@code refillEvery}; tokens only, generous request rate. */
    public Authenticator(ApiTokens tokens, AuditStore audit, InstantSource clock, int failures, Duration refillEvery) {
        this(tokens, audit, clock, failures, refillEvery, ClientCertificates.NONE, RevocationCheck.NONE, RequestRate.DEFAULT);
    }

    public Authenticator(ApiTokens tokens, AuditStore audit, InstantSource clock, int failures, Duration refillEvery,
                         ClientCertificates clients, RevocationCheck revocations, RequestRate rate) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
        this.limiter = new FailureLimiter(clock, failures, refillEvery);
        this.clients = clients;
        this.requests = new RequestLimiter(clock, rate);
        this.revocations = revocations;
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
        // A token, when given, decides: a caller can act with less than its certificate's role by presenting one.
        Optional<Principal> found = presented.isPresent() ? presented.flatMap(tokens::authenticate).map(Principal::of) : certificate(ctx);
        if (found.isEmpty()) {
            limiter.failed(address);
            X509Certificate cert = clientCertificate(ctx);
            String reason = presented.isPresent() ? "unknown, revoked or expired token"
                    : cert == null ? "no bearer token"
                    : "client certificate " + cert.getSubjectX500Principal().getName() + " serial " + cert.getSerialNumber().toString(16)
                      + (clients.principal(cert).isPresent() ? " is revoked" : " maps to no role") + ", and no bearer token";
            audit.append(new AuditEvent(clock.instant(), "anonymous", "auth.failed", "", address, ctx.method() + " " + ctx.path() + ": " + reason));
            throw new StampException(ErrorCode.UNAUTHORIZED, clients.isEmpty()
                    ? "a valid API token is needed: Authorization: Bearer stamp_..."
                    : "a valid API token (Authorization: Bearer stamp_...) or a mapped client certificate is needed");
        }
        Principal principal = found.get();
        var wait = requests.take(principal.actor());
        if (wait.isPresent()) {
            ctx.header("Retry-After", Long.toString(wait.getAsLong()));
            throw StampException.limit(principal.actor() + " is over its request rate; retry after " + wait.getAsLong() + " s");
        }
        String caId = ctx.pathParamMap().get("caId");
        if (!principal.allows(needed, caId)) {
            throw new StampException(ErrorCode.FORBIDDEN, principal + " may not " + ctx.method() + " " + ctx.path());
        }
        ctx.attribute(ATTRIBUTE, principal);
    }

    /** The failed-authentication limit per address, for the server's other authenticated endpoints to share. */
    public FailureLimiter failures() {
        return limiter;
    }

    /** The caller a matched route was authorised for. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(ATTRIBUTE);
        if (p == null) throw new IllegalStateException("no principal: the route is public or the authenticator did not run");
        return p;
    }

    private Optional<Principal> certificate(Context ctx) {
        X509Certificate cert = clientCertificate(ctx);
        if (cert == null) return Optional.empty();
        return clients.principal(cert).filter(p -> !revocations.revoked(cert));
    }

    /** The leaf the TLS handshake verified against the client CAs, if the caller sent one. */
    private static X509Certificate clientCertificate(Context ctx) {
        return ctx.req().getAttribute(CLIENT_CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0 ? chain[0] : null;
    }

    private static Optional<String> bearer(String header) {
        if (header == null) return Optional.empty();
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        return Optional.of(h.substring(7).strip());
    }
}
