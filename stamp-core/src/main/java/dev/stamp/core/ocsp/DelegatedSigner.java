package dev.stamp.core.ocsp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A delegated OCSP responder of a CA as the store records it: generation n+1 replaces n. The certificate itself is the
 * CA's issued certificate {@code serial}; its private key is {@code keyId} in the key vault.
 *
 * @param rotateAt when a successor should be issued (every process reads the same time, so they agree)
 */
public record DelegatedSigner(String caId, long generation, String keyId, BigInteger serial, Instant rotateAt, Instant notAfter) {
    public DelegatedSigner {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(rotateAt, "rotateAt");
        Objects.requireNonNull(notAfter, "notAfter");
        if (generation < 1) throw new IllegalArgumentException("generation must be at least 1, not " + generation);
    }
}
