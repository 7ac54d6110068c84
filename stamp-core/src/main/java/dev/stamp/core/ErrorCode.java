package dev.stamp.core;

/**
 * The core's one error vocabulary. Each protocol maps these codes at its edge
 * (REST problem types, AWS {@code __type} names, ACME error URNs); the core never speaks HTTP.
 */
public enum ErrorCode {
    NOT_FOUND,
    INVALID_ARGUMENT,
    INVALID_STATE,
    MALFORMED_CSR,
    MALFORMED_CERTIFICATE,
    POLICY_VIOLATION,
    LIMIT_EXCEEDED,
    CONFLICT,
    /** An imported CA certificate does not match the CA's key or its signer. */
    CERTIFICATE_MISMATCH,
    REQUEST_IN_PROGRESS,
    /** The request was taken but could not be completed (an issuance whose signing failed after its intent was recorded). */
    REQUEST_FAILED,
    UNAUTHORIZED,
    FORBIDDEN
}
