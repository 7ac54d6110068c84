package dev.stamp.manager.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalTimeTest {
    private static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            default: a third of the lifetime before notAfter          | 2026-04-01T00:00:00Z     | -       | -   | 2026-03-02T00:00:00Z
            renewBefore                                               | 2026-04-01T00:00:00Z     | PT24H   | -   | 2026-03-31T00:00:00Z
            renewBeforePercentage                                     | 2026-04-01T00:00:00Z     | -       | 10  | 2026-03-23T00:00:00Z
            renewBefore wins over a percentage                        | 2026-04-01T00:00:00Z     | PT24H   | 50  | 2026-03-31T00:00:00Z
            renewBefore equal to the lifetime falls back to the pct   | 2026-04-01T00:00:00Z     | PT2160H | 50  | 2026-02-15T00:00:00Z
            renewBefore longer than the lifetime falls back to 1/3    | 2026-04-01T00:00:00Z     | PT3000H | -   | 2026-03-02T00:00:00Z
            zero renewBefore is ignored                               | 2026-04-01T00:00:00Z     | PT0S    | -   | 2026-03-02T00:00:00Z
            percentage 100 is ignored                                 | 2026-04-01T00:00:00Z     | -       | 100 | 2026-03-02T00:00:00Z
            percentage 0 is ignored                                   | 2026-04-01T00:00:00Z     | -       | 0   | 2026-03-02T00:00:00Z
            a lifetime not divisible by three truncates to the second | 2026-01-01T00:00:10Z     | -       | -   | 2026-01-01T00:00:06Z
            fractions of notAfter truncate to the second              | 2026-04-01T00:00:00.900Z | PT1H    | -   | 2026-03-31T23:00:00Z
            """)
    void renewalTimeIsNotAfterMinusRenewBeforeTruncatedToTheSecond(String name, String notAfter, String renewBefore,
                                                                   Integer percentage, String expected) {
        Instant renewal = RenewalTime.of(NOT_BEFORE, Instant.parse(notAfter),
                renewBefore == null ? null : Duration.parse(renewBefore), percentage);

        assertThat(renewal).isEqualTo(Instant.parse(expected));
    }
}
