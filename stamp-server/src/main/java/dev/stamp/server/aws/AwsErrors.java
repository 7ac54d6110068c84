package dev.stamp.server.aws;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import java.util.Map;

/**
 * The core's error codes as AWS Private CA's modelled errors ({@code __type}, HTTP 400 as AWS sends them; SDKs pick
 * the exception class from the name). One place, so each operation answers the same code the same way.
 */
final class AwsErrors {
    private AwsErrors() {}

    /** Where an operation names a code more precisely than the general mapping. */
    private static final Map<String, Map<ErrorCode, String>> BY_OPERATION = Map.of(
            "TagCertificateAuthority", Map.of(ErrorCode.INVALID_ARGUMENT, "InvalidTagException", ErrorCode.LIMIT_EXCEEDED, "TooManyTagsException"),
            "UntagCertificateAuthority", Map.of(ErrorCode.INVALID_ARGUMENT, "InvalidTagException"),
            "CreatePermission", Map.of(ErrorCode.CONFLICT, "PermissionAlreadyExistsException"),
            // Revoking twice is the one conflict a caller can cause; AWS answers it as an already processed request.
            "RevokeCertificate", Map.of(ErrorCode.CONFLICT, "RequestAlreadyProcessedException"));

    static AwsException of(StampException e, String operation) {
        String special = BY_OPERATION.getOrDefault(operation, Map.of()).get(e.code());
        int status = e.code() == ErrorCode.FORBIDDEN ? 403 : 400;
        if (special != null) return new AwsException(special, status, e.getMessage());
        String type = switch (e.code()) {
            case NOT_FOUND -> "ResourceNotFoundException";
            case INVALID_ARGUMENT, POLICY_VIOLATION -> "InvalidArgsException";
            case INVALID_STATE -> "InvalidStateException";
            case MALFORMED_CSR -> "MalformedCSRException";
            case MALFORMED_CERTIFICATE -> "MalformedCertificateException";
            case LIMIT_EXCEEDED -> "LimitExceededException";
            case CONFLICT -> "ConcurrentModificationException";
            case CERTIFICATE_MISMATCH -> "CertificateMismatchException";
            case REQUEST_IN_PROGRESS -> "RequestInProgressException";
            case REQUEST_FAILED -> "RequestFailedException";
            case UNAUTHORIZED -> "UnrecognizedClientException";
            case FORBIDDEN -> "AccessDeniedException";
        };
        return new AwsException(type, status, e.getMessage());
    }
}
