package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;

import java.time.Instant;
import java.util.Optional;

/**
 * cert-manager's trigger controller as a function: an issuance already under way carries on (this is also how a
 * manual renewal skips the backoff), a failure backs off unless the spec changed, otherwise the trigger chain decides.
 */
public final class Trigger {
    public static final String MANUALLY_TRIGGERED = "ManuallyTriggered";
    public static final String MANUALLY_TRIGGERED_MESSAGE = "Certificate re-issuance manually triggered";

    private Trigger() {}

    public static TriggerOutcome evaluate(PolicyInput input, CertificateStatus status, Backoff backoff) {
        var issuing = status.condition(ConditionType.Issuing).filter(c -> c.status() == ConditionStatus.True);
        if (issuing.isPresent()) return new TriggerOutcome.Issue(issuing.get().reason(), issuing.get().message());
        Optional<Instant> until = backoff.until(status, input.nextRequest(), input.certificate().spec(), input.now());
        if (until.isPresent()) {
            return new TriggerOutcome.Wait(until.get(), "Backing off from issuance due to previously failed issuance(s). "
                    + "Issuance will next be attempted at " + GoText.time(until.get()));
        }
        Optional<Violation> violation = PolicyChain.TRIGGER.evaluate(input);
        if (violation.isPresent()) return new TriggerOutcome.Issue(violation.get().reason().name(), violation.get().message());
        // The chain passed, so the Secret holds a decodable certificate and the renewal time exists.
        Instant renewal = CertificateTimes.of(input.secret(), input.certificate().spec()).orElseThrow().renewalTime();
        return new TriggerOutcome.UpToDate(renewal);
    }

    /**
     * A manual renewal ({@code cmctl renew}, {@code stamp agent renew}): Issuing=True with reason ManuallyTriggered,
     * which {@link #evaluate} honours before any backoff.
     */
    public static CertificateStatus manuallyTriggered(CertificateStatus status, long observedGeneration, Instant now) {
        return status.withCondition(ConditionType.Issuing, ConditionStatus.True, MANUALLY_TRIGGERED,
                MANUALLY_TRIGGERED_MESSAGE, observedGeneration, now);
    }
}
