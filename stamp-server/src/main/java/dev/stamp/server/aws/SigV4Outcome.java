package dev.stamp.server.aws;

/** The result of checking a request's AWS Signature Version 4. */
public sealed interface SigV4Outcome {
    /** The signature is the one the named access key would make for this request, within the clock window. */
    record Valid(String accessKeyId) implements SigV4Outcome {}

    /**
     * Refused, with the error name AWS gives in the same case (the wire's {@code __type}) and a message that names
     * what is wrong, never the secret or the expected signature.
     */
    record Refused(String errorName, String message) implements SigV4Outcome {}
}
