package dev.stamp.core.store;

import dev.stamp.core.audit.AuditEvent;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for issued certificates, unique per (CA, serial) and per (CA, idempotency token). Thread-safe. */
public interface CertificateStore {

    /**
     * Records the intent to issue {@code pending} (state PENDING), which reserves its serial. In one atomic step:
     * if {@code pending} carries an idempotency token that an earlier record of the same CA created at or after
     * {@code tokenValidFrom} holds, returns {@link Reservation.TokenUsed} with that record and stores nothing; an
     * older holder of the token loses it. If the serial is taken, returns {@link Reservation.SerialTaken}.
     * The reservation may reach durable storage only with the next {@link #recordIssued} or {@link #recordFailed},
     * which the caller makes before it tells anyone about the certificate.
     */
    default Reservation reserve(CertificateRecord pending, Instant tokenValidFrom) {
        return reserve(pending, CertificateNames.of(pending.der()), tokenValidFrom);
    }

    /**
     * As {@link #reserve(CertificateRecord, Instant)}, with the names a listing's name filter searches
     * ({@link CertificateNames}) given by the caller, which holds them already, rather than read from the DER.
     */
    Reservation reserve(CertificateRecord pending, String names, Instant tokenValidFrom);

    /**
     * Turns a PENDING record into the ISSUED certificate and appends the audit event, in one transaction.
     * {@code issued} is the reserved record with its signed DER ({@link CertificateRecord#issued}): only the state
     * and the DER change.
     */
    void recordIssued(CertificateRecord issued, AuditEvent event);

    /** Marks a PENDING record FAILED (signing failed after the intent was recorded). */
    void recordFailed(String caId, BigInteger serial, AuditEvent event);

    Optional<CertificateRecord> find(String caId, BigInteger serial);

    /** Certificates of one CA (or every CA when {@code caId} is null), newest first, at most {@code limit}. */
    List<CertificateRecord> list(String caId, int limit);

    /**
     * One page of certificates matching {@code query}, newest first (creation time, then CA, then serial, all
     * descending), with the cursor for the next page when there may be more. Status REVOKED comes from the
     * revocations; EXPIRED and ISSUED from notAfter against {@code query.now()}.
     */
    CertificatePage query(CertificateQuery query);

    long count(String caId);

    /**
     * How many of the CA's issued certificates that are not revoked expire after {@code after} and no later than
     * {@code until}: what the expiry gauges report, answered from an index on (CA, notAfter).
     */
    long countUnrevokedExpiring(String caId, java.time.Instant after, java.time.Instant until);
}
