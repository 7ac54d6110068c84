package dev.stamp.manager.spec;

import java.time.Duration;
import java.util.List;

/** {@code CertificateRequest.spec}: immutable once created. {@code request} is the PEM CSR. */
public record CertificateRequestSpec(String request, IssuerRef issuerRef, Duration duration, boolean isCA, List<KeyUsage> usages) {
    public CertificateRequestSpec {
        usages = List.copyOf(usages);
    }
}
