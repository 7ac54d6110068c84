package dev.stamp.server.auth;

import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.Role;

import java.util.List;
import java.util.Locale;

/**
 * The authenticated caller of one request: an API token or a mapped client certificate, with the role it holds.
 *
 * @param actor the audit log's name for the caller: {@code token:ID} (never the secret) or {@code cert:SUBJECT}
 * @param caIds the CAs an issuer may use; empty for the other roles
 */
public record Principal(String actor, Role role, List<String> caIds) {
    public Principal {
        caIds = List.copyOf(caIds);
    }

    public static Principal of(ApiToken token) {
        return new Principal("token:" + token.id(), token.role(), token.caIds());
    }

    public static Principal certificate(String subject, Role role, List<String> caIds) {
        return new Principal("cert:" + subject, role, caIds);
    }

    /** May this caller issue from, or read, the CA? Admins and auditors see every CA; issuers their own. */
    public boolean covers(String caId) {
        return role != Role.ISSUER || caIds.contains(caId);
    }

    /** Whether this caller may do what {@code permission} names on {@code caId} (null: no particular CA). */
    public boolean allows(Permission permission, String caId) {
        if (caId != null && !covers(caId)) return false;
        return switch (permission) {
            case PUBLIC, READ -> true;
            case ISSUE -> role == Role.ADMIN || role == Role.ISSUER;
            case AUDIT -> role == Role.ADMIN || role == Role.AUDITOR;
            case ADMIN -> role == Role.ADMIN;
        };
    }

    @Override
    public String toString() {
        return actor + " (" + role.name().toLowerCase(Locale.ROOT) + ")";
    }
}
