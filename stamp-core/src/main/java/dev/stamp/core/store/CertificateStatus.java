package dev.stamp.core.store;

import java.time.Instant;

/**
 * A certificate's status as a reader sees it: the stored {@link CertificateState}, refined by the revocations table
 * and the clock. ISSUED means issued, not revoked and not yet expired.
 */
public enum CertificateStatus {
    PENDING, ISSUED, REVOKED, EXPIRED, FAILED;

    /** Revocation wins over expiry: a revoked certificate stays on CRLs for a while after it lapses. */
    public static CertificateStatus of(CertificateState state, boolean revoked, Instant notAfter, Instant now) {
        if (revoked) return REVOKED;
        return switch (state) {
            case PENDING -> PENDING;
            case FAILED -> FAILED;
            case ISSUED -> notAfter.isAfter(now) ? ISSUED : EXPIRED;
        };
    }
}
