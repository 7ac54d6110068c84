package dev.stamp.server;

import dev.stamp.core.Pki;
import dev.stamp.core.token.ApiTokens;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Everything the server needs, built by a composition root (the CLI's {@code stamp server}).
 *
 * @param defaultCaId the CA whose key {@code /readyz} checks
 * @param api where the HTTPS API listens (port 0: any free port)
 * @param http where the plain-HTTP listener serves CA certificates, health and metrics
 * @param tls the API listener's key and certificate chain
 */
public record ServerContext(Pki pki, ApiTokens tokens, InstantSource clock, SecureRandom random, String defaultCaId,
                            InetSocketAddress api, InetSocketAddress http, TlsMaterial tls) {
    public ServerContext {
        Objects.requireNonNull(pki, "pki");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(tls, "tls");
    }
}
