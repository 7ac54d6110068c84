package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.SecretSource;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signing attempt: the request, the issuer it names, the request's own private key (only the selfSigned issuer
 * uses it: it signs with the key the CSR was made with), where Secrets are read from, and the time of the attempt.
 */
public record SignRequest(CertificateRequest request, Issuer issuer, Optional<PrivateKey> requestKey, SecretSource secrets,
                          Instant now) {
    public SignRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(requestKey, "requestKey");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
    }

    @Override
    public String toString() { // never the key
        return "SignRequest[" + request.metadata().namespace() + "/" + request.metadata().name() + " by "
                + issuer.kind() + " " + issuer.metadata().name() + " at " + now + "]";
    }
}
