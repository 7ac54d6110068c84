package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.Condition;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.stamp.manager.policy.Fixtures.KEY;
import static dev.stamp.manager.policy.Fixtures.NAMES;
import static dev.stamp.manager.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    private static final CertificateSpec SPEC = Fixtures.spec();
    private static final CertificateRequest REQUEST = Fixtures.request(Fixtures.csr(KEY, NAMES), SPEC);
    private static final String KEY_PEM = Fixtures.traditionalPem(KEY.getPrivate());
    private static final Instant NOT_BEFORE = NOW.minus(Duration.ofDays(10));
    private static final Instant NOT_AFTER = NOT_BEFORE.plus(Duration.ofDays(90));

    @Test
    void anUpToDateCertificateIsReadyWithItsTimes() {
        String cert = Fixtures.certificate(KEY, NAMES, NOT_BEFORE, NOT_AFTER);

        Readiness.Result result = Readiness.evaluate(Fixtures.input(SPEC, Fixtures.secret(KEY_PEM, cert), REQUEST, NOW));

        assertThat(result.ready()).isTrue();
        assertThat(result.reason()).isEqualTo("Ready");
        assertThat(result.message()).isEqualTo("Certificate is up to date and has not expired");
        assertThat(result.times()).contains(new CertificateTimes(NOT_BEFORE, NOT_AFTER, NOT_AFTER.minus(Duration.ofDays(30))));
    }

    @Test
    void anExpiredCertificateIsNotReadyAndKeepsItsTimes() {
        String cert = Fixtures.certificate(KEY, NAMES, NOT_BEFORE, NOT_AFTER);
        Instant later = NOT_AFTER.plusSeconds(1);

        Readiness.Result result = Readiness.evaluate(Fixtures.input(SPEC, Fixtures.secret(KEY_PEM, cert), REQUEST, later));

        assertThat(result.status()).isEqualTo(ConditionStatus.False);
        assertThat(result.reason()).isEqualTo("Expired");
        assertThat(result.times()).isPresent();
    }

    @Test
    void anUndecodableCertificateIsNotReadyAndClearsTheTimes() {
        CertificateStatus before = CertificateStatus.EMPTY.withCertificateTimes(NOT_BEFORE, NOT_AFTER, NOT_AFTER);

        Readiness.Result result = Readiness.evaluate(Fixtures.input(SPEC, Fixtures.secret(KEY_PEM, "garbage"), REQUEST, NOW));
        CertificateStatus after = result.applyTo(before, 3, NOW);

        assertThat(result.reason()).isEqualTo("InvalidCertificate");
        assertThat(after.notBefore()).isNull();
        assertThat(after.notAfter()).isNull();
        assertThat(after.renewalTime()).isNull();
        assertThat(after.condition(ConditionType.Ready)).get().extracting(Condition::observedGeneration).isEqualTo(3L);
    }

    @Test
    void applyingTheSameResultAgainKeepsTheTransitionTime() {
        String cert = Fixtures.certificate(KEY, NAMES, NOT_BEFORE, NOT_AFTER);
        Readiness.Result result = Readiness.evaluate(Fixtures.input(SPEC, Fixtures.secret(KEY_PEM, cert), REQUEST, NOW));

        CertificateStatus once = result.applyTo(CertificateStatus.EMPTY, 1, NOW);
        CertificateStatus twice = result.applyTo(once, 1, NOW.plusSeconds(600));

        assertThat(twice.condition(ConditionType.Ready).orElseThrow().lastTransitionTime()).isEqualTo(NOW);
        assertThat(twice.renewalTime()).isEqualTo(NOT_AFTER.minus(Duration.ofDays(30)));
    }
}
