package dev.stamp.server.auth;

/** What a route needs. Routes with a {@code {caId}} path parameter are also limited to an issuer's own CAs. */
public enum Permission implements io.javalin.security.RouteRole {
    /** No token: the OpenAPI document. */
    PUBLIC,
    /** Any valid token. */
    READ,
    /** Admin, or an issuer named on the CA. */
    ISSUE,
    /** Admin or auditor: the audit log. */
    AUDIT,
    /** Admin only. */
    ADMIN
}
