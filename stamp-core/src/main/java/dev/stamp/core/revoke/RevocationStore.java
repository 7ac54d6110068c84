package dev.stamp.core.revoke;

import dev.stamp.core.audit.AuditEvent;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Storage port for revocations and published CRLs. A revocation is a row of its own, unique per (CA, serial), beside
 * the certificate's issued record, which it never changes. Thread-safe, and safe across processes sharing one
 * database: at most one {@link #publish} per CA runs at a time, and CRL numbers only grow.
 */
public interface RevocationStore {

    /**
     * Records {@code revocation} with its audit event in one transaction, durable before this returns, if the
     * certificate exists and is not revoked yet; else stores nothing and says why. A revocation dated at or before the
     * CA's latest CRL (its time was taken before it waited for a publication to end) is stored a microsecond after
     * that CRL, so that {@link #revokedSince} with the CRL's thisUpdate finds it; the returned outcome carries the
     * stored time.
     */
    RevokeOutcome revoke(Revocation revocation, AuditEvent event);

    Optional<Revocation> find(String caId, BigInteger serial);

    /** Whether the CA (or one partition) has a revocation recorded at or after {@code since}. */
    boolean revokedSince(String caId, int partition, Instant since);

    /**
     * Every CA's revocations stored at or after {@code since} (by their stored time), oldest first, at most
     * {@code limit}: how a process sees the revocations that other processes sharing the database record.
     */
    List<Revocation> revokedFrom(Instant since, int limit);

    /** The last CRL published for the CA's scope ({@link CrlPartitions#WHOLE} or a partition). */
    Optional<PublishedCrl> latest(String caId, int partition);

    /**
     * Publishes one CRL exclusively: while {@code writer} runs no other publisher of the same CA runs (in any process),
     * so two CRLs never share a number. The writer gets the next CRL number (the CA's last number plus one, never
     * reused), the thisUpdate of the scope's previous CRL (empty before the first), and a way to stream the entries; what it returns is stored as the
     * latest CRL of the scope, and the number is consumed, only if it returns normally.
     */
    PublishedCrl publish(String caId, int partition, CrlWriter writer);

    /** Builds and signs one CRL inside {@link #publish}. */
    @FunctionalInterface
    interface CrlWriter {
        PublishedCrl write(long number, Optional<Instant> previousThisUpdate, DueEntries entries);
    }

    /** The entries of one scope that a CRL must still list. */
    @FunctionalInterface
    interface DueEntries {
        /**
         * Streams, in no particular order, every revocation of the scope whose certificate's notAfter is at or after
         * {@code notAfterCutoff}. Entries are not collected anywhere: a million of them pass through in constant memory.
         */
        void forEach(Instant notAfterCutoff, Consumer<CrlEntry> sink);
    }
}
