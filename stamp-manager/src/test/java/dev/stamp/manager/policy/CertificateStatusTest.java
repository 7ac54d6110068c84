package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.Condition;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status helpers the policy results are applied with (they live in the spec package, beside the status). */
class CertificateStatusTest {
    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void settingTheSameStatusKeepsTheTransitionTimeAndUpdatesTheRest() {
        CertificateStatus s = CertificateStatus.EMPTY
                .withCondition(ConditionType.Ready, ConditionStatus.False, "DoesNotExist", "a", 1, T0)
                .withCondition(ConditionType.Ready, ConditionStatus.False, "MissingData", "b", 2, T1);

        assertThat(s.condition(ConditionType.Ready)).contains(
                new Condition(ConditionType.Ready, ConditionStatus.False, "MissingData", "b", T0, 2));
    }

    @Test
    void changingTheStatusMovesTheTransitionTime() {
        CertificateStatus s = CertificateStatus.EMPTY
                .withCondition(ConditionType.Ready, ConditionStatus.False, "DoesNotExist", "a", 1, T0)
                .withCondition(ConditionType.Ready, ConditionStatus.True, "Ready", "ok", 1, T1);

        assertThat(s.condition(ConditionType.Ready).orElseThrow().lastTransitionTime()).isEqualTo(T1);
    }

    @Test
    void removingAConditionLeavesTheOthers() {
        CertificateStatus s = CertificateStatus.EMPTY
                .withCondition(ConditionType.Ready, ConditionStatus.True, "Ready", "ok", 1, T0)
                .withCondition(ConditionType.Issuing, ConditionStatus.True, "Renewing", "r", 1, T0)
                .withoutCondition(ConditionType.Issuing);

        assertThat(s.conditions()).extracting(Condition::type).containsExactly(ConditionType.Ready);
    }

    @Test
    void aFailedIssuanceCountsAttemptsAndStartsTheBackoff() {
        CertificateStatus once = CertificateStatus.EMPTY.withFailedIssuance("Failed", "CA unreachable", 1, T0);
        CertificateStatus twice = once.withFailedIssuance("Failed", "CA unreachable", 1, T1);

        assertThat(twice.failedIssuanceAttempts()).isEqualTo(2);
        assertThat(twice.lastFailureTime()).isEqualTo(T1);
        assertThat(twice.condition(ConditionType.Issuing).orElseThrow()).satisfies(c -> {
            assertThat(c.status()).isEqualTo(ConditionStatus.False);
            assertThat(c.message()).isEqualTo("The certificate request has failed to complete and will be retried: CA unreachable");
        });
    }

    @Test
    void anIssuanceSetsTheRevisionAndClearsIssuingAndFailures() {
        CertificateStatus s = Trigger.manuallyTriggered(CertificateStatus.EMPTY, 1, T0)
                .withNextPrivateKeySecretName("app-abcde")
                .withFailedIssuance("Failed", "x", 1, T0)
                .withIssued(1);

        assertThat(s.revision()).isEqualTo(1);
        assertThat(s.nextRevision()).isEqualTo(2);
        assertThat(s.condition(ConditionType.Issuing)).isEmpty();
        assertThat(s.failedIssuanceAttempts()).isNull();
        assertThat(s.lastFailureTime()).isNull();
        assertThat(s.nextPrivateKeySecretName()).isNull();
    }

    @Test
    void invalidValuesAreRefusedNamingThem() {
        Condition ready = new Condition(ConditionType.Ready, ConditionStatus.True, "Ready", "", T0, 1);
        assertThatThrownBy(() -> new CertificateStatus(List.of(ready, ready), null, null, null, null, null, null, null))
                .hasMessageContaining("more than one condition");
        assertThatThrownBy(() -> new CertificateStatus(List.of(), null, null, null, 0, null, null, null))
                .hasMessageContaining("revision").hasMessageContaining("0");
    }
}
