package dev.stamp.core.issue;

import dev.stamp.core.store.CertificateRecord;
import org.bouncycastle.cert.X509CertificateHolder;

import java.util.List;
import java.util.Objects;

/**
 * The answer to an issuance: the stored record, the certificate, and the chain that validates it
 * (issuing CA first, root last; empty for a self-signed root). Immutable.
 */
public record IssuedCertificate(CertificateRecord record, X509CertificateHolder certificate, List<X509CertificateHolder> chain) {
    public IssuedCertificate {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(certificate, "certificate");
        chain = List.copyOf(chain);
    }
}
