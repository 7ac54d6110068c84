package dev.stamp.core.ocsp;

/**
 * What an OCSP answer said, for metrics and logs: the certificate status of a successful response (of its first
 * single response), or the error status of an unsuccessful one.
 */
public enum OcspStatus {
    GOOD, REVOKED, UNKNOWN, MALFORMED_REQUEST, UNAUTHORIZED, INTERNAL_ERROR;

    /** The lowercase label used as a metrics tag. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
