package dev.stamp.server.auth;

import dev.stamp.core.token.Role;

import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps client certificates (already verified by the TLS handshake against the configured client CAs) to roles.
 * The first rule that matches wins; a certificate no rule matches maps to nothing and the caller needs a token.
 */
public final class ClientCertificates {
    /** No mutual TLS: no certificate maps to anything. */
    public static final ClientCertificates NONE = new ClientCertificates(List.of());

    /** Which certificates a rule is about: exactly one of subject, DNS name or URI (e.g. a SPIFFE id). */
    public sealed interface Match {
        record Subject(X500Principal name) implements Match {}
        record Dns(String name) implements Match {}
        record Uri(String uri) implements Match {}
    }

    public record Rule(Match match, Role role, List<String> caIds) {
        public Rule {
            caIds = List.copyOf(caIds);
            if (role == Role.ISSUER && caIds.isEmpty()) throw new IllegalArgumentException("an issuer client rule needs at least one CA (cas: [...])");
            if (role != Role.ISSUER && !caIds.isEmpty()) throw new IllegalArgumentException("only issuer client rules name CAs, not " + role.name().toLowerCase(Locale.ROOT));
        }
    }

    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private final List<Rule> rules;

    public ClientCertificates(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The principal for a verified client certificate, if a rule maps it. */
    public Optional<Principal> principal(X509Certificate cert) {
        for (Rule rule : rules) {
            if (matches(rule.match(), cert)) {
                String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
                return Optional.of(Principal.certificate(subject, rule.role(), rule.caIds()));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(Match match, X509Certificate cert) {
        return switch (match) {
            case Match.Subject s -> s.name().equals(cert.getSubjectX500Principal()); // canonical comparison
            case Match.Dns d -> san(cert, SAN_DNS).stream().anyMatch(n -> n.equalsIgnoreCase(d.name()));
            case Match.Uri u -> san(cert, SAN_URI).contains(u.uri());
        };
    }

    private static List<String> san(X509Certificate cert, int type) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names == null) return List.of();
            return names.stream().filter(n -> (Integer) n.get(0) == type).map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of(); // an unreadable SAN extension matches nothing
        }
    }
}
