package dev.stamp.manager.agent;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.IssuerRef;

import java.util.List;
import java.util.Objects;

/**
 * What {@code stamp agent status} and the metrics show of a Certificate's spec, kept in the store so that they work
 * without reading the manifests (and without ever storing a keystore password).
 */
public record CertificateSummary(String secretName, IssuerRef issuerRef, String commonName, List<String> dnsNames,
                                 List<String> ipAddresses, List<String> uris, List<String> emailAddresses) {
    public CertificateSummary {
        Objects.requireNonNull(secretName, "secretName");
        Objects.requireNonNull(issuerRef, "issuerRef");
        commonName = commonName == null ? "" : commonName;
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        uris = List.copyOf(uris);
        emailAddresses = List.copyOf(emailAddresses);
    }

    static CertificateSummary of(Certificate certificate) {
        var s = certificate.spec();
        return new CertificateSummary(s.secretName(), s.issuerRef(), s.commonName(), s.dnsNames(), s.ipAddresses(), s.uris(),
                s.emailAddresses());
    }
}
