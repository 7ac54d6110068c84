package dev.stamp.server.http;

import dev.stamp.core.ErrorCode;

/**
 * The stable problem types of the API: one per {@link ErrorCode} plus the few the HTTP edge raises itself.
 * The type URI is the contract clients match on; titles may be reworded.
 */
public enum ProblemType {
    NOT_FOUND(404, "not-found", "Not found"),
    INVALID_ARGUMENT(400, "invalid-argument", "Invalid argument"),
    INVALID_STATE(409, "invalid-state", "Invalid state"),
    MALFORMED_CSR(400, "malformed-csr", "Malformed CSR"),
    MALFORMED_CERTIFICATE(400, "malformed-certificate", "Malformed certificate"),
    POLICY_VIOLATION(400, "policy-violation", "Policy violation"),
    LIMIT_EXCEEDED(429, "limit-exceeded", "Limit exceeded"),
    CONFLICT(409, "conflict", "Conflict"),
    CERTIFICATE_MISMATCH(400, "certificate-mismatch", "Certificate mismatch"),
    REQUEST_IN_PROGRESS(409, "request-in-progress", "Request in progress"),
    REQUEST_FAILED(409, "request-failed", "Request failed"),
    UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    // raised by the HTTP edge, not the core
    MALFORMED_REQUEST(400, "malformed-request", "Malformed request"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    INTERNAL(500, "internal", "Internal server error");

    public static final String BASE = "https://stamp.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public static ProblemType of(ErrorCode code) {
        return valueOf(code.name()); // a test keeps every ErrorCode mapped
    }

    public int status() { return status; }
    public String uri() { return BASE + slug; }
    public String title() { return title; }

    public Problem problem(String detail, String instance, String requestId) {
        return new Problem(uri(), title, status, detail, instance, requestId);
    }
}
