package dev.stamp.server;

import dev.stamp.core.Pki;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.server.config.RequestRate;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the server needs, built by a composition root (the CLI's {@code stamp server}).
 *
 * @param defaultCaId the CA whose key {@code /readyz} checks
 * @param api where the HTTPS API listens (port 0: any free port)
 * @param http where the plain-HTTP listener serves CA certificates, health and metrics
 * @param tls the API listener's key and certificate chain
 * @param authFailures how many failed authentications a remote address may make in a row before it gets 429
 * @param authRefill how often one more is allowed after that
 * @param tlsRefresh where fresh TLS material comes from (the server's own renewal, or rotated files);
 *                   null to keep {@code tls} for the server's whole life
 * @param mutualTls client certificates trusted and mapped to roles; null for tokens only
 * @param requestRate how many requests one token or client certificate may make
 */
public record ServerContext(Pki pki, ApiTokens tokens, InstantSource clock, SecureRandom random, String defaultCaId,
                            InetSocketAddress api, InetSocketAddress http, TlsMaterial tls, int authFailures, Duration authRefill,
                            TlsRefresh tlsRefresh, MutualTls mutualTls, RequestRate requestRate) {
    public static final int DEFAULT_AUTH_FAILURES = 10;
    public static final Duration DEFAULT_AUTH_REFILL = Duration.ofSeconds(6);

    /** With the default authentication rate limit. */
    public ServerContext(Pki pki, ApiTokens tokens, InstantSource clock, SecureRandom random, String defaultCaId,
                         InetSocketAddress api, InetSocketAddress http, TlsMaterial tls, Supplier<TlsMaterial> tlsRenewal) {
        this(pki, tokens, clock, random, defaultCaId, api, http, tls, DEFAULT_AUTH_FAILURES, DEFAULT_AUTH_REFILL, tlsRenewal);
    }

    /** Tokens only, the default request rate, the server's own certificate renewed by {@code tlsRenewal} (null: never). */
    public ServerContext(Pki pki, ApiTokens tokens, InstantSource clock, SecureRandom random, String defaultCaId,
                         InetSocketAddress api, InetSocketAddress http, TlsMaterial tls, int authFailures, Duration authRefill,
                         Supplier<TlsMaterial> tlsRenewal) {
        this(pki, tokens, clock, random, defaultCaId, api, http, tls, authFailures, authRefill,
                tlsRenewal == null ? null : TlsRefresh.renewing(tlsRenewal), null, RequestRate.DEFAULT);
    }

    public ServerContext {
        if (authFailures < 1) throw new IllegalArgumentException("authFailures must be at least 1");
        Objects.requireNonNull(authRefill, "authRefill");
        Objects.requireNonNull(pki, "pki");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(requestRate, "requestRate");
    }

    public ServerContext withMutualTls(MutualTls mutual) {
        return new ServerContext(pki, tokens, clock, random, defaultCaId, api, http, tls, authFailures, authRefill, tlsRefresh, mutual, requestRate);
    }

    public ServerContext withRequestRate(RequestRate rate) {
        return new ServerContext(pki, tokens, clock, random, defaultCaId, api, http, tls, authFailures, authRefill, tlsRefresh, mutualTls, rate);
    }

    public ServerContext withTls(TlsMaterial material, TlsRefresh refresh) {
        return new ServerContext(pki, tokens, clock, random, defaultCaId, api, http, material, authFailures, authRefill, refresh, mutualTls, requestRate);
    }
}
