package dev.stamp.core.ocsp;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OcspSettingsTest {
    static final Duration H = Duration.ofHours(1);
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration MIN = Duration.ofMinutes(1);

    @Test
    void defaultsAreAnHourOfValidityRefreshedAtHalfLifeAndAWeekLongResponderRotatedAtTwoThirds() {
        OcspSettings d = OcspSettings.defaults();
        assertThat(d.responseValidity()).isEqualTo(H);
        assertThat(d.refreshAfter(H)).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.cacheCapacity()).isEqualTo(10_000);
        assertThat(d.signerValidity()).isEqualTo(WEEK);
        assertThat(d.rotateAfter(WEEK)).isEqualTo(Duration.ofHours(112));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(new Object[] {Duration.ofSeconds(59), 0.5, 10, 1, WEEK, 0.6, MIN, "PT59S"}),
                Arguments.of(new Object[] {H, 0.0, 10, 1, WEEK, 0.6, MIN, "refresh point"}),
                Arguments.of(new Object[] {H, 1.0, 10, 1, WEEK, 0.6, MIN, "refresh point"}),
                Arguments.of(new Object[] {H, 0.5, -1, 0, WEEK, 0.6, MIN, "-1"}),
                Arguments.of(new Object[] {H, 0.5, 10, 11, WEEK, 0.6, MIN, "11"}),
                Arguments.of(new Object[] {H, 0.5, 10, 1, H, 0.6, MIN, "longer than the response validity"}),
                Arguments.of(new Object[] {H, 0.5, 10, 1, WEEK, 1.5, MIN, "rotation point"}),
                Arguments.of(new Object[] {H, 0.5, 10, 1, WEEK, 0.6, Duration.ZERO, "PT0S"}));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void outOfRangeValuesAreRefusedNamingTheValue(Duration validity, double refresh, int capacity, int presign, Duration signer,
                                                  double rotate, Duration interval, String named) {
        assertThatThrownBy(() -> new OcspSettings(validity, refresh, capacity, presign, signer, rotate, interval))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining(named);
    }
}
