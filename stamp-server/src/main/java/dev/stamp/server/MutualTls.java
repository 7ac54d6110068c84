package dev.stamp.server;

import dev.stamp.server.auth.ClientCertificates;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Mutual TLS on the API listener: client certificates are asked for (not required, so token callers still work),
 * verified against {@code trusted}, and mapped to roles by {@code rules}.
 */
public record MutualTls(List<X509Certificate> trusted, ClientCertificates rules) {
    public MutualTls {
        trusted = List.copyOf(trusted);
        if (trusted.isEmpty()) throw new IllegalArgumentException("mutual TLS needs at least one trusted client CA certificate");
    }
}
