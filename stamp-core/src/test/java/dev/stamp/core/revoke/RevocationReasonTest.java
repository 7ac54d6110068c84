package dev.stamp.core.revoke;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevocationReasonTest {

    @ParameterizedTest
    @CsvSource({
            "unspecified, UNSPECIFIED, 0",
            "UNSPECIFIED, UNSPECIFIED, 0",
            "keyCompromise, KEY_COMPROMISE, 1",
            "KEY_COMPROMISE, KEY_COMPROMISE, 1",
            "cACompromise, CA_COMPROMISE, 2",
            "CERTIFICATE_AUTHORITY_COMPROMISE, CA_COMPROMISE, 2",
            "affiliationChanged, AFFILIATION_CHANGED, 3",
            "AFFILIATION_CHANGED, AFFILIATION_CHANGED, 3",
            "superseded, SUPERSEDED, 4",
            "SUPERSEDED, SUPERSEDED, 4",
            "cessationOfOperation, CESSATION_OF_OPERATION, 5",
            "CESSATION_OF_OPERATION, CESSATION_OF_OPERATION, 5",
            "privilegeWithdrawn, PRIVILEGE_WITHDRAWN, 9",
            "PRIVILEGE_WITHDRAWN, PRIVILEGE_WITHDRAWN, 9",
            "aACompromise, AA_COMPROMISE, 10",
            "A_A_COMPROMISE, AA_COMPROMISE, 10",
    })
    void parsesRfcAndAwsNames(String text, RevocationReason expected, int code) {
        assertThat(RevocationReason.parse(text)).isEqualTo(expected);
        assertThat(expected.code()).isEqualTo(code);
        assertThat(RevocationReason.ofCode(code)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"removeFromCRL", "REMOVE_FROM_CRL", "certificateHold", "lost", ""})
    void refusesWhatIsNotARevocationReasonNamingIt(String text) {
        assertThatThrownBy(() -> RevocationReason.parse(text))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(text.isEmpty() ? "''" : text.substring(0, 4));
    }
}
