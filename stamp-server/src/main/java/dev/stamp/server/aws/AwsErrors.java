package dev.stamp.server.aws;

import dev.stamp.core.StampException;

/**
 * The core's error codes as AWS Private CA's modelled errors ({@code __type}, HTTP 400 as AWS sends them; SDKs pick
 * the exception class from the name). One place, so each operation answers the same code the same way.
 */
final class AwsErrors {
    private AwsErrors() {}

    static AwsException of(StampException e, String operation) {
        String type = switch (e.code()) {
            case NOT_FOUND -> "ResourceNotFoundException";
            case INVALID_ARGUMENT, POLICY_VIOLATION -> "InvalidArgsException";
            case INVALID_STATE -> "InvalidStateException";
            case MALFORMED_CSR -> "MalformedCSRException";
            case MALFORMED_CERTIFICATE -> "MalformedCertificateException";
            case LIMIT_EXCEEDED -> "LimitExceededException";
            // Revoking twice is the one conflict a caller can cause; AWS answers it as an already processed request.
            case CONFLICT -> operation.equals("RevokeCertificate") ? "RequestAlreadyProcessedException" : "ConcurrentModificationException";
            case CERTIFICATE_MISMATCH -> "CertificateMismatchException";
            case REQUEST_IN_PROGRESS -> "RequestInProgressException";
            case UNAUTHORIZED -> "UnrecognizedClientException";
            case FORBIDDEN -> "AccessDeniedException";
        };
        return new AwsException(type, e.code() == dev.stamp.core.ErrorCode.FORBIDDEN ? 403 : 400, e.getMessage());
    }
}
