package dev.stamp.core.token;

/** What an API token may do. */
public enum Role {
    /** Everything. */
    ADMIN,
    /** Issue certificates from, and read, the CAs named on the token only. */
    ISSUER,
    /** Read-only: list and get CAs and certificates. */
    AUDITOR
}
