package dev.stamp.manager.policy;

import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.cert.X509CertificateHolder;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The status times read from the Secret's certificate: its validity and its renewal time. */
public record CertificateTimes(Instant notBefore, Instant notAfter, Instant renewalTime) {
    public CertificateTimes {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(renewalTime, "renewalTime");
    }

    /** Empty when there is no Secret or its tls.crt cannot be decoded (cert-manager then clears the status times). */
    public static Optional<CertificateTimes> of(Optional<Secret> secret, CertificateSpec spec) {
        if (secret.isEmpty()) return Optional.empty();
        X509CertificateHolder cert;
        try {
            cert = Checks.leaf(secret.get());
        } catch (DecodeException e) {
            return Optional.empty();
        }
        return Optional.of(new CertificateTimes(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                RenewalTime.of(cert, spec)));
    }
}
