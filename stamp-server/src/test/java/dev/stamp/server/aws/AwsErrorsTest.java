package dev.stamp.server.aws;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every core error code as the AWS error an SDK turns into its exception class, per operation where AWS differs. */
class AwsErrorsTest {
    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource({
            "NOT_FOUND,             DescribeCertificateAuthority, ResourceNotFoundException,        400",
            "INVALID_ARGUMENT,      IssueCertificate,             InvalidArgsException,             400",
            "POLICY_VIOLATION,      IssueCertificate,             InvalidArgsException,             400",
            "INVALID_STATE,         DeleteCertificateAuthority,   InvalidStateException,            400",
            "MALFORMED_CSR,         IssueCertificate,             MalformedCSRException,            400",
            "MALFORMED_CERTIFICATE, ImportCertificateAuthorityCertificate, MalformedCertificateException, 400",
            "LIMIT_EXCEEDED,        IssueCertificate,             LimitExceededException,           400",
            "CONFLICT,              UpdateCertificateAuthority,   ConcurrentModificationException,  400",
            "CONFLICT,              RevokeCertificate,            RequestAlreadyProcessedException, 400",
            "CONFLICT,              CreatePermission,             PermissionAlreadyExistsException, 400",
            "CERTIFICATE_MISMATCH,  ImportCertificateAuthorityCertificate, CertificateMismatchException, 400",
            "REQUEST_IN_PROGRESS,   GetCertificate,               RequestInProgressException,       400",
            "REQUEST_FAILED,        GetCertificate,               RequestFailedException,           400",
            "UNAUTHORIZED,          ListCertificateAuthorities,   UnrecognizedClientException,      400",
            "FORBIDDEN,             IssueCertificate,             AccessDeniedException,            403",
            "INVALID_ARGUMENT,      TagCertificateAuthority,      InvalidTagException,              400",
            "LIMIT_EXCEEDED,        TagCertificateAuthority,      TooManyTagsException,             400",
            "INVALID_ARGUMENT,      UntagCertificateAuthority,    InvalidTagException,              400",
    })
    void coreCodesBecomeAwsErrors(ErrorCode code, String operation, String type, int status) {
        AwsException e = AwsErrors.of(new StampException(code, "the message names the value 'x'"), operation);
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).isEqualTo("the message names the value 'x'");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasAnAwsNameAndA4xx(ErrorCode code) {
        AwsException e = AwsErrors.of(new StampException(code, "m"), "AnyOperation");
        assertThat(e.type()).endsWith("Exception");
        assertThat(e.status()).isBetween(400, 499);
    }
}
