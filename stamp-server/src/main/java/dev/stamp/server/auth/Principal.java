package dev.stamp.server.auth;

import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.Role;

/** The authenticated caller of one request. */
public record Principal(ApiToken token) {
    /** The audit log's actor for this caller: the token's id, never its secret. */
    public String actor() {
        return "token:" + token.id();
    }

    /** Whether this caller may do what {@code permission} names on {@code caId} (null: no particular CA). */
    public boolean allows(Permission permission, String caId) {
        if (caId != null && !token.covers(caId)) return false;
        return switch (permission) {
            case PUBLIC, READ -> true;
            case ISSUE -> token.role() == Role.ADMIN || token.role() == Role.ISSUER;
            case AUDIT -> token.role() == Role.ADMIN || token.role() == Role.AUDITOR;
            case ADMIN -> token.role() == Role.ADMIN;
        };
    }
}
