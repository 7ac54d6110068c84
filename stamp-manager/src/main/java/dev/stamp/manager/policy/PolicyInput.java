package dev.stamp.manager.policy;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Secret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a decision about one Certificate looks at, as cert-manager's gatherer collects it: the Secret named by
 * {@code spec.secretName} (its metadata carries the {@code cert-manager.io/issuer-name}, {@code issuer-kind},
 * {@code issuer-group} and {@code certificate-name} annotations), the <em>current</em> request (revision ==
 * {@code status.revision}), the <em>next</em> one (revision == {@code status.revision + 1}), and the time of the decision.
 */
public record PolicyInput(Certificate certificate, Optional<Secret> secret, Optional<CertificateRequest> currentRequest,
                          Optional<CertificateRequest> nextRequest, Instant now) {
    public PolicyInput {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(currentRequest, "currentRequest");
        Objects.requireNonNull(nextRequest, "nextRequest");
        Objects.requireNonNull(now, "now");
    }
}
