package dev.stamp.server.rest;

import dev.stamp.core.StampException;
import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.core.token.Role;
import dev.stamp.server.auth.Authenticator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import static dev.stamp.server.auth.Permission.ADMIN;

/** {@code /tokens}: create (the secret is in that one response only), list and revoke API tokens. Admins only. */
final class TokenApi {
    private final ApiTokens tokens;
    private final InstantSource clock;
    private final RestApi.Bodies bodies;

    TokenApi(ApiTokens tokens, InstantSource clock, RestApi.Bodies bodies) {
        this.tokens = tokens;
        this.clock = clock;
        this.bodies = bodies;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.post(RestApi.BASE + "/tokens", this::create, ADMIN);
        r.get(RestApi.BASE + "/tokens", this::list, ADMIN);
        r.delete(RestApi.BASE + "/tokens/{tokenId}", this::revoke, ADMIN);
    }

    private void create(Context ctx) throws java.io.IOException {
        Dtos.CreateToken body = bodies.read(ctx, Dtos.CreateToken.class);
        Role role = Mapping.enumValue(Role.class, "role", body.role());
        if (body.expiresAt() != null && body.expiresIn() != null) {
            throw StampException.invalidArgument("give expiresAt or expiresIn, not both");
        }
        Instant now = clock.instant();
        Instant expiresAt = body.expiresIn() != null ? ApiTokens.expiry("expiresIn", body.expiresIn(), now) : time("expiresAt", body.expiresAt());
        var created = tokens.create(role, body.caIds() == null ? List.of() : body.caIds(), body.name(), expiresAt,
                Authenticator.principal(ctx).actor());
        ctx.status(201).header("Location", RestApi.BASE + "/tokens/" + created.token().id())
                .header("Cache-Control", "no-store")
                .json(view(created.token(), created.secret()));
    }

    private void list(Context ctx) {
        ctx.json(new Dtos.TokenList(tokens.list().stream().map(t -> view(t, null)).toList()));
    }

    private void revoke(Context ctx) {
        ctx.json(view(tokens.revoke(ctx.pathParam("tokenId"), Authenticator.principal(ctx).actor()), null));
    }

    private Dtos.Token view(ApiToken t, String secret) {
        Instant now = clock.instant();
        String status = t.revoked() ? "REVOKED" : t.expired(now) ? "EXPIRED" : "VALID";
        return new Dtos.Token(t.id(), t.name(), t.role().name().toLowerCase(Locale.ROOT), t.caIds(), status, t.createdAt().toString(),
                t.expiresAt() == null ? null : t.expiresAt().toString(), t.revokedAt() == null ? null : t.revokedAt().toString(), secret);
    }

    private static Instant time(String field, String text) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw StampException.invalidArgument(field + " must be an RFC 3339 time such as 2026-12-01T00:00:00Z, not '"
                    + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'");
        }
    }
}
