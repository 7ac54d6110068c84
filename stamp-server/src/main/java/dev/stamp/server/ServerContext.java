package dev.stamp.server;

import dev.stamp.core.Pki;
import dev.stamp.core.token.ApiTokens;

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
 * @param tlsRenewal issues fresh TLS material when two thirds of the current certificate's life have passed;
 *                   null to keep {@code tls} for the server's whole life
 */
public record ServerContext(Pki pki, ApiTokens tokens, InstantSource clock, SecureRandom random, String defaultCaId,
                            InetSocketAddress api, InetSocketAddress http, TlsMaterial tls, int authFailures, Duration authRefill,
                            Supplier<TlsMaterial> tlsRenewal) {
    public static final int DEFAULT_AUTH_FAILURES = 10;
    public static final Duration DEFAULT_AUTH_REFILL = Duration.ofSeconds(6);

    /** With the default authentication rate limit. */
    public ServerContext(Pki pki, ApiTokens tokens, InstantSource clock, SecureRandom random, String defaultCaId,
                         InetSocketAddress api, InetSocketAddress http, TlsMaterial tls, Supplier<TlsMaterial> tlsRenewal) {
        this(pki, tokens, clock, random, defaultCaId, api, http, tls, DEFAULT_AUTH_FAILURES, DEFAULT_AUTH_REFILL, tlsRenewal);
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
    }
}
