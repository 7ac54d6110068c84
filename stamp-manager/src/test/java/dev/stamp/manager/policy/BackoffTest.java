package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.CertificateStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.stamp.manager.policy.Fixtures.KEY;
import static dev.stamp.manager.policy.Fixtures.NAMES;
import static dev.stamp.manager.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private static final CertificateSpec SPEC = Fixtures.spec();
    private static final CertificateRequest NEXT = Fixtures.request(Fixtures.csr(KEY, NAMES), SPEC);

    @Test
    void defaultDelaysDoubleFromOneHourToThirtyTwo() {
        List<Duration> delays = IntStream.rangeClosed(1, 7).mapToObj(Backoff.DEFAULT::delay).toList();

        assertThat(delays).extracting(Duration::toHours).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 32L);
    }

    @ParameterizedTest(name = "{0} failures wait {1}")
    @CsvSource({"0, PT1H", "1, PT1H", "100, PT32H", "2147483647, PT32H"})
    void delayIsAtLeastTheMinimumAndNeverOverflowsTheMaximum(int attempts, Duration expected) {
        assertThat(Backoff.DEFAULT.delay(attempts)).isEqualTo(expected);
    }

    @Test
    void configuredMinimumAndMaximumShapeTheSequence() {
        Backoff backoff = new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(30));

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(backoff::delay).toList())
                .extracting(Duration::toMinutes).containsExactly(5L, 10L, 20L, 30L, 30L);
    }

    @Test
    void invalidBoundsAreRefusedNamingTheValues() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofHours(1))).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new Backoff(Duration.ofHours(2), Duration.ofHours(1))).hasMessageContaining("PT1H").hasMessageContaining("PT2H");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            no failure recorded                  | -                    | -  | -
            first failure half an hour ago       | 2026-06-01T11:30:00Z | 1  | 2026-06-01T12:30:00Z
            first failure exactly an hour ago    | 2026-06-01T11:00:00Z | 1  | -
            third failure three hours ago        | 2026-06-01T09:00:00Z | 3  | 2026-06-01T13:00:00Z
            third failure four hours ago         | 2026-06-01T08:00:00Z | 3  | -
            failure without an attempt count     | 2026-06-01T11:30:00Z | -  | 2026-06-01T12:30:00Z
            """)
    void backsOffUntilTheLastFailurePlusTheDelay(String name, Instant lastFailure, Integer attempts, Instant until) {
        CertificateStatus status = new CertificateStatus(List.of(), null, null, null, 1, null, attempts, lastFailure);

        assertThat(Backoff.DEFAULT.until(status, Optional.of(NEXT), SPEC, NOW)).isEqualTo(Optional.ofNullable(until));
        assertThat(Backoff.DEFAULT.shouldBackoff(status, Optional.of(NEXT), SPEC, NOW)).isEqualTo(until != null);
    }

    @Test
    void aSpecEditSkipsTheBackoff() {
        CertificateStatus failed = failedMinutesAgo(10);
        Fixtures.SpecBuilder edited = new Fixtures.SpecBuilder();
        edited.dnsNames = List.of("app.private.example.net", "www.private.example.net");

        assertThat(Backoff.DEFAULT.shouldBackoff(failed, Optional.of(NEXT), SPEC, NOW)).isTrue();
        assertThat(Backoff.DEFAULT.shouldBackoff(failed, Optional.of(NEXT), edited.build(), NOW)).isFalse();
    }

    @Test
    void withoutANextRequestTheBackoffStillApplies() {
        assertThat(Backoff.DEFAULT.shouldBackoff(failedMinutesAgo(10), Optional.empty(), SPEC, NOW)).isTrue();
    }

    @Test
    void anUndecodableNextRequestSkipsTheBackoff() {
        CertificateRequest garbage = Fixtures.request("garbage", SPEC);

        assertThat(Backoff.DEFAULT.shouldBackoff(failedMinutesAgo(10), Optional.of(garbage), SPEC, NOW)).isFalse();
    }

    private static CertificateStatus failedMinutesAgo(int minutes) {
        return new CertificateStatus(List.of(), null, null, null, 1, null, 1, NOW.minus(Duration.ofMinutes(minutes)));
    }
}
