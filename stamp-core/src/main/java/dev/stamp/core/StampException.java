package dev.stamp.core;

import java.util.Objects;

/**
 * An expected failure: bad input, a refused policy, a wrong state. Carries a stable {@link ErrorCode}
 * and a message that names the bad value, so that every edge can show it to the caller as is.
 * Anything that is not a StampException is a bug or an outage and is reported without detail.
 */
public final class StampException extends RuntimeException {
    private final ErrorCode code;

    public StampException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public StampException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public static StampException notFound(String message) { return new StampException(ErrorCode.NOT_FOUND, message); }
    public static StampException invalidArgument(String message) { return new StampException(ErrorCode.INVALID_ARGUMENT, message); }
    public static StampException invalidState(String message) { return new StampException(ErrorCode.INVALID_STATE, message); }
    public static StampException malformedCsr(String message) { return new StampException(ErrorCode.MALFORMED_CSR, message); }
    public static StampException malformedCertificate(String message) { return new StampException(ErrorCode.MALFORMED_CERTIFICATE, message); }
    public static StampException policy(String message) { return new StampException(ErrorCode.POLICY_VIOLATION, message); }
    public static StampException limit(String message) { return new StampException(ErrorCode.LIMIT_EXCEEDED, message); }
    public static StampException conflict(String message) { return new StampException(ErrorCode.CONFLICT, message); }
}
