package dev.stamp.core.store;

import java.util.List;

/** One page of a certificate listing; {@code next} is null on the last page. */
public record CertificatePage(List<ListedCertificate> items, CertificateCursor next) {
    public CertificatePage {
        items = List.copyOf(items);
    }
}
