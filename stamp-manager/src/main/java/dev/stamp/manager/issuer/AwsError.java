package dev.stamp.manager.issuer;

/** An AWS JSON protocol error: the {@code __type} (without its namespace) and the message. */
final class AwsError extends Exception {
    private final String type;
    private final int status;

    AwsError(String type, String message, int status) {
        super(message);
        this.type = type;
        this.status = status;
    }

    String type() { return type; }

    int status() { return status; }

    /** Errors a retry may cure: the certificate is still being signed, throttling, or a server fault. */
    boolean retryable() {
        return type.equals("RequestInProgressException") || type.equals("ThrottlingException") || status >= 500;
    }
}
