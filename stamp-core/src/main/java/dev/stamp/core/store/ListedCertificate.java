package dev.stamp.core.store;

import java.util.Objects;

/** One item of a certificate listing: the stored record and its status at the listing's instant. */
public record ListedCertificate(CertificateRecord record, CertificateStatus status) {
    public ListedCertificate {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(status, "status");
    }
}
