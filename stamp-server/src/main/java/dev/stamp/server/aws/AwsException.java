package dev.stamp.server.aws;

/**
 * An error the AWS protocol names itself (model validation, ARNs, signatures), as opposed to a core
 * {@link dev.stamp.core.StampException} that {@link AwsErrors} maps. {@code type} is the wire's {@code __type}.
 */
public final class AwsException extends RuntimeException {
    private final String type;
    private final int status;

    public AwsException(String type, int status, String message) {
        super(message, null, false, false);
        this.type = type;
        this.status = status;
    }

    public static AwsException validation(String field, Object value, String constraint) {
        return new AwsException("ValidationException", 400, "1 validation error detected: Value " + (value == null ? "null" : "'" + value + "'")
                + " at '" + field + "' failed to satisfy constraint: " + constraint);
    }

    public static AwsException invalidArn(String arn, String expected) {
        return new AwsException("InvalidArnException", 400, "'" + arn + "' is not a valid " + expected + " ARN");
    }

    public String type() { return type; }

    public int status() { return status; }
}
