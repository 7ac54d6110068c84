package dev.stamp.core.token;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.store.AuditStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates, checks and revokes API tokens. A token is {@code stamp_} and 32 random bytes in base64url; it is shown
 * once and stored as its SHA-256 only. A plain hash suffices because the secret has 256 bits of entropy: there is
 * nothing to guess that a slow hash would protect.
 */
public final class ApiTokens {
    public static final String PREFIX = "stamp_";
    private static final int SECRET_BYTES = 32;
    private static final int MAX_NAME = 128;

    private final ApiTokenStore store;
    private final AuditStore audit;
    private final InstantSource clock;
    private final SecureRandom random;

    public ApiTokens(ApiTokenStore store, AuditStore audit, InstantSource clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store, "store");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A new token and its secret, which exists nowhere else: show it once. */
    public record Created(ApiToken token, String secret) {
        @Override public String toString() { return "Created[" + token + "]"; } // keep the secret out of logs
    }

    public Created create(Role role, List<String> caIds, String name, String actor) {
        return create(role, caIds, name, null, actor);
    }

    /** @param expiresAt null for a token that does not expire; else it must lie in the future */
    public Created create(Role role, List<String> caIds, String name, Instant expiresAt, String actor) {
        Objects.requireNonNull(role, "role");
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw StampException.invalidArgument("a token's expiry must lie in the future, not " + expiresAt);
        }
        String label = name == null || name.isBlank() ? role.name().toLowerCase(java.util.Locale.ROOT) : name.strip();
        if (label.length() > MAX_NAME) throw StampException.invalidArgument("a token name has at most " + MAX_NAME + " characters");
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String id = "tok_" + HexFormat.of().formatHex(idBytes);
        ApiToken token = new ApiToken(id, label, role, caIds == null ? List.of() : caIds, hash(secret), now, null, expiresAt);
        store.insert(token);
        audit.append(new AuditEvent(clock.instant(), actor(actor), "token.create", "", id, role + " " + label
                + (expiresAt == null ? "" : " expires " + expiresAt)));
        return new Created(token, secret);
    }

    /** The valid token whose secret this is, or empty (unknown, malformed, revoked or expired). */
    public Optional<ApiToken> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) return Optional.empty();
        return store.findByHash(hash(presented)).filter(t -> t.validAt(clock.instant()));
    }

    public List<ApiToken> list() {
        return store.list();
    }

    /** @throws StampException NOT_FOUND for an unknown id, INVALID_STATE for a revoked token */
    public ApiToken revoke(String id, String actor) {
        ApiToken token = store.find(id).orElseThrow(() -> StampException.notFound("no API token has id '" + id + "'"));
        if (token.revoked()) throw StampException.invalidState("API token " + id + " was revoked at " + token.revokedAt());
        var at = clock.instant();
        store.revoke(id, at);
        audit.append(new AuditEvent(at, actor(actor), "token.revoke", "", id, token.role() + " " + token.name()));
        return token.revokedAt(at);
    }

    /** When a token given {@code expiresIn} ("90d", "12h", "1y") at {@code now} expires, refusing other text by name. */
    public static Instant expiry(String field, String expiresIn, Instant now) {
        try {
            return dev.stamp.core.issue.Validity.parse(expiresIn, now).notAfter(now);
        } catch (StampException e) {
            throw StampException.invalidArgument(field + " '" + expiresIn + "' is not a duration such as 12h, 90d, 6m or 1y");
        }
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String actor(String actor) {
        return actor == null ? "local" : actor;
    }
}
