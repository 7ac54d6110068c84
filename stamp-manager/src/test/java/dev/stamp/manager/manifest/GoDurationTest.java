package dev.stamp.manager.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoDurationTest {
    @ParameterizedTest(name = "{0} parses to {1} ns and prints as {2}")
    @CsvSource({
            "2160h,       7776000000000000, 2160h0m0s",
            "300h,        1080000000000000, 300h0m0s",
            "1h30m,       5400000000000,    1h30m0s",
            "90m,         5400000000000,    1h30m0s",
            "1.5h,        5400000000000,    1h30m0s",
            "45s,         45000000000,      45s",
            "1m30.5s,     90500000000,      1m30.5s",
            "5m,          300000000000,     5m0s",
            "500ms,       500000000,        500ms",
            "1.5ms,       1500000,          1.5ms",
            "1500us,      1500000,          1.5ms",
            "2µs,         2000,             2µs",
            "10ns,        10,               10ns",
            "0,           0,                0s",
            "-1h,         -3600000000000,   -1h0m0s",
            "+2h,         7200000000000,    2h0m0s",
            ".5h,         1800000000000,    30m0s",
            "1h1m1s1ms,   3661001000000,    1h1m1.001s",
    })
    void parsesAndFormatsLikeGo(String text, long nanos, String formatted) {
        Duration parsed = GoDuration.parse(text);

        assertThat(parsed).isEqualTo(Duration.ofNanos(nanos));
        assertThat(GoDuration.format(parsed)).isEqualTo(formatted);
        assertThat(GoDuration.parse(GoDuration.format(parsed))).isEqualTo(parsed);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', value = {
            "90d     | time: unknown unit \"d\" in duration \"90d\"",
            "1h30    | time: missing unit in duration \"1h30\"",
            "10      | time: missing unit in duration \"10\"",
            "''      | time: invalid duration \"\"",
            "h       | time: invalid duration \"h\"",
            "1.2.3h  | time: invalid duration \"1.2.3h\"",
            "' 1h'   | time: invalid duration \" 1h\"",
            "-       | time: invalid duration \"-\"",
            "3000000h | time: invalid duration \"3000000h\"",
    })
    void refusesWhatGoRefusesWithGosMessage(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
