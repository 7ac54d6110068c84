package dev.stamp.manager.spec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Certificate.status} with cert-manager's fields. {@code notBefore}, {@code notAfter} and {@code renewalTime}
 * come from the certificate in the Secret and are null when it cannot be decoded; {@code revision} is null before
 * the first issuance; {@code nextPrivateKeySecretName} is set only while Issuing is True;
 * {@code failedIssuanceAttempts} and {@code lastFailureTime} are null unless the last issuance failed.
 * The withers return a new value; the record is immutable and safe to share between threads.
 */
public record CertificateStatus(List<Condition> conditions, Instant notBefore, Instant notAfter, Instant renewalTime,
                                Integer revision, String nextPrivateKeySecretName, Integer failedIssuanceAttempts,
                                Instant lastFailureTime) {
    public static final CertificateStatus EMPTY = new CertificateStatus(List.of(), null, null, null, null, null, null, null);
    /** The Issuing message prefix cert-manager writes when a request fails. */
    public static final String ISSUANCE_FAILED_PREFIX = "The certificate request has failed to complete and will be retried: ";

    public CertificateStatus {
        conditions = List.copyOf(conditions);
        if (conditions.stream().map(Condition::type).distinct().count() != conditions.size()) {
            throw new IllegalArgumentException("status.conditions has more than one condition of a type: " + conditions);
        }
        if (revision != null && revision < 1) {
            throw new IllegalArgumentException("status.revision must be at least 1, got " + revision);
        }
        if (failedIssuanceAttempts != null && failedIssuanceAttempts < 0) {
            throw new IllegalArgumentException("status.failedIssuanceAttempts must not be negative, got " + failedIssuanceAttempts);
        }
    }

    public Optional<Condition> condition(ConditionType type) {
        return conditions.stream().filter(c -> c.type() == type).findFirst();
    }

    public boolean hasCondition(ConditionType type, ConditionStatus status) {
        return condition(type).map(c -> c.status() == status).orElse(false);
    }

    /** The revision the next CertificateRequest is made for: 1 before the first issuance. */
    public int nextRevision() {
        return revision == null ? 1 : revision + 1;
    }

    /**
     * Sets a condition as cert-manager's {@code SetCertificateCondition} does: the reason, message and generation are
     * replaced, and {@code lastTransitionTime} moves to {@code now} only when the status changes (or the condition is new).
     */
    public CertificateStatus withCondition(ConditionType type, ConditionStatus status, String reason, String message,
                                           long observedGeneration, Instant now) {
        Objects.requireNonNull(now, "now");
        Instant transition = condition(type).filter(c -> c.status() == status).map(Condition::lastTransitionTime).orElse(now);
        Condition updated = new Condition(type, status, reason, message, transition, observedGeneration);
        List<Condition> out = new ArrayList<>(conditions);
        int at = indexOf(type);
        if (at < 0) out.add(updated);
        else out.set(at, updated);
        return withConditions(out);
    }

    public CertificateStatus withoutCondition(ConditionType type) {
        List<Condition> out = new ArrayList<>(conditions);
        out.removeIf(c -> c.type() == type);
        return withConditions(out);
    }

    /** The times read from the Secret's certificate (all null when it cannot be decoded). */
    public CertificateStatus withCertificateTimes(Instant notBefore, Instant notAfter, Instant renewalTime) {
        return new CertificateStatus(conditions, notBefore, notAfter, renewalTime, revision, nextPrivateKeySecretName,
                failedIssuanceAttempts, lastFailureTime);
    }

    public CertificateStatus withNextPrivateKeySecretName(String name) {
        return new CertificateStatus(conditions, notBefore, notAfter, renewalTime, revision, name,
                failedIssuanceAttempts, lastFailureTime);
    }

    /**
     * A failed issuance as cert-manager's issuing controller records it: Issuing False with the request's reason and
     * "The certificate request has failed to complete and will be retried: <message>", one more failed attempt, and
     * {@code lastFailureTime = now} (which starts the backoff).
     */
    public CertificateStatus withFailedIssuance(String reason, String requestMessage, long observedGeneration, Instant now) {
        CertificateStatus s = withCondition(ConditionType.Issuing, ConditionStatus.False, reason,
                ISSUANCE_FAILED_PREFIX + requestMessage, observedGeneration, now);
        int attempts = failedIssuanceAttempts == null ? 1 : failedIssuanceAttempts + 1;
        return new CertificateStatus(s.conditions, notBefore, notAfter, renewalTime, revision, nextPrivateKeySecretName,
                attempts, now);
    }

    /**
     * A successful issuance of {@code revision}: the Issuing condition is removed (cert-manager without server-side
     * apply) and the failure fields and the next private key name are cleared.
     */
    public CertificateStatus withIssued(int revision) {
        CertificateStatus s = withoutCondition(ConditionType.Issuing);
        return new CertificateStatus(s.conditions, notBefore, notAfter, renewalTime, revision, null, null, null);
    }

    private int indexOf(ConditionType type) {
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).type() == type) return i;
        }
        return -1;
    }

    private CertificateStatus withConditions(List<Condition> list) {
        return new CertificateStatus(list, notBefore, notAfter, renewalTime, revision, nextPrivateKeySecretName,
                failedIssuanceAttempts, lastFailureTime);
    }
}
