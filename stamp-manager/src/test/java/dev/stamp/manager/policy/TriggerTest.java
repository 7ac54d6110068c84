package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.Secret;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.stamp.manager.policy.Fixtures.KEY;
import static dev.stamp.manager.policy.Fixtures.NAMES;
import static dev.stamp.manager.policy.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class TriggerTest {
    private static final CertificateSpec SPEC = Fixtures.spec();
    private static final CertificateRequest REQUEST = Fixtures.request(Fixtures.csr(KEY, NAMES), SPEC);
    private static final Secret SECRET = Fixtures.secret(Fixtures.traditionalPem(KEY.getPrivate()), Fixtures.freshCertificate(KEY, NAMES));
    private static final CertificateStatus FAILED_RECENTLY =
            new CertificateStatus(List.of(), null, null, null, null, null, 2, NOW.minus(Duration.ofMinutes(30)));

    @Test
    void aMissingSecretIsIssued() {
        TriggerOutcome outcome = Trigger.evaluate(input(null, SPEC), CertificateStatus.EMPTY, Backoff.DEFAULT);

        assertThat(outcome).isEqualTo(new TriggerOutcome.Issue("DoesNotExist", "Issuing certificate as Secret does not exist"));
    }

    @Test
    void anUpToDateCertificateIsRecheckedAtItsRenewalTime() {
        TriggerOutcome outcome = Trigger.evaluate(input(SECRET, SPEC), CertificateStatus.EMPTY, Backoff.DEFAULT);

        // freshCertificate: 90 days from NOW - 10 days, renewal two thirds through.
        assertThat(outcome).isEqualTo(new TriggerOutcome.UpToDate(NOW.minus(Duration.ofDays(10)).plus(Duration.ofDays(60))));
    }

    @Test
    void aRecentFailureWaitsOutTheBackoff() {
        TriggerOutcome outcome = Trigger.evaluate(input(null, SPEC), FAILED_RECENTLY, Backoff.DEFAULT);

        Instant until = NOW.plus(Duration.ofMinutes(90));
        assertThat(outcome).isEqualTo(new TriggerOutcome.Wait(until, "Backing off from issuance due to previously failed "
                + "issuance(s). Issuance will next be attempted at 2026-06-01 13:30:00 +0000 UTC"));
    }

    @Test
    void aSpecEditDuringTheBackoffIsIssuedAtOnce() {
        Fixtures.SpecBuilder edited = new Fixtures.SpecBuilder();
        edited.dnsNames = List.of("app.private.example.net", "www.private.example.net");
        PolicyInput input = new PolicyInput(Fixtures.certificate(edited.build()), Optional.of(SECRET), Optional.of(REQUEST),
                Optional.of(REQUEST), NOW);

        TriggerOutcome outcome = Trigger.evaluate(input, FAILED_RECENTLY, Backoff.DEFAULT);

        assertThat(outcome).isInstanceOfSatisfying(TriggerOutcome.Issue.class, i -> assertThat(i.reason()).isEqualTo("RequestChanged"));
    }

    @Test
    void aManualRenewalBypassesTheBackoffAndAnUpToDateCertificate() {
        CertificateStatus renewed = Trigger.manuallyTriggered(FAILED_RECENTLY, 1, NOW);

        TriggerOutcome outcome = Trigger.evaluate(input(SECRET, SPEC), renewed, Backoff.DEFAULT);

        assertThat(outcome).isEqualTo(new TriggerOutcome.Issue("ManuallyTriggered", "Certificate re-issuance manually triggered"));
    }

    private static PolicyInput input(Secret secret, CertificateSpec spec) {
        return new PolicyInput(Fixtures.certificate(spec), Optional.ofNullable(secret), Optional.of(REQUEST), Optional.of(REQUEST), NOW);
    }
}
