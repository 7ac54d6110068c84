package dev.stamp.core.ocsp;

import java.time.Instant;
import java.util.Objects;

/**
 * One OCSP response, ready to send: its DER ({@code OCSPResponse}), what it said, and, for a successful response,
 * its thisUpdate and nextUpdate. {@code cacheable} is true when HTTP caches may keep it (successful, no nonce):
 * RFC 5019 section 6 caching headers apply only then.
 */
public record OcspAnswer(byte[] der, OcspStatus status, Instant thisUpdate, Instant nextUpdate, boolean cacheable) {
    public OcspAnswer {
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(status, "status");
        if (cacheable && (thisUpdate == null || nextUpdate == null)) {
            throw new IllegalArgumentException("a cacheable answer needs thisUpdate and nextUpdate");
        }
        der = der.clone();
    }

    @Override public byte[] der() { return der.clone(); }
}
