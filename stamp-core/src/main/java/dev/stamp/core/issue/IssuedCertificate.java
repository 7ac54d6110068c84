package dev.stamp.core.issue;

import dev.stamp.core.crypto.Pem;
import dev.stamp.core.store.CertificateRecord;
import org.bouncycastle.cert.X509CertificateHolder;

import java.util.List;
import java.util.Objects;

/**
 * The answer to an issuance: the stored record (its DER is the certificate) and the chain that validates it
 * (issuing CA first, root last; empty for a self-signed root). Immutable.
 */
public record IssuedCertificate(CertificateRecord record, List<X509CertificateHolder> chain) {
    public IssuedCertificate {
        Objects.requireNonNull(record, "record");
        chain = List.copyOf(chain);
    }

    /** The certificate, parsed from the record's DER on each call: most callers only send the DER on. */
    public X509CertificateHolder certificate() {
        return Pem.certificate(record.der());
    }
}
