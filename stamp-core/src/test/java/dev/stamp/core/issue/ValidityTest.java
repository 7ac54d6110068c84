package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidityTest {
    static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "90, DAYS, 2026-05-01T12:00:00Z",
            "1, MONTHS, 2026-02-28T12:00:00Z",
            "10, YEARS, 2036-01-31T12:00:00Z",
            "1767225600, ABSOLUTE, 2026-01-01T00:00:00Z",
            "491231235959, END_DATE, 2049-12-31T23:59:59Z",
            "500101000000, END_DATE, 1950-01-01T00:00:00Z",
            "20500101000000, END_DATE, 2050-01-01T00:00:00Z",
    })
    void notAfterFollowsAwsValidityTypes(long value, ValidityType type, String expected) {
        assertThat(new Validity(value, type).notAfter(NOW)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"90d, 90, DAYS", "6m, 6, MONTHS", "10y, 10, YEARS"})
    void parsesCliShorthand(String text, long value, ValidityType type) {
        assertThat(Validity.parse(text, NOW)).isEqualTo(new Validity(value, type));
    }

    @ParameterizedTest
    @CsvSource({"0d", "ninety", "90", "-1d", "99999999999999999999999999d"})
    void refusesMalformedShorthandNamingIt(String text) {
        assertThatThrownBy(() -> Validity.parse(text, NOW)).isInstanceOf(StampException.class).hasMessageContaining(text);
    }
}
