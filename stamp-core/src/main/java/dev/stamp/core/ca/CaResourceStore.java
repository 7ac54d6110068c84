package dev.stamp.core.ca;

import dev.stamp.core.audit.AuditEvent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage port for what hangs off a CA besides its certificates: tags, a resource policy, permissions, the
 * idempotency tokens of CA creation, and audit reports. Each change is one transaction with its audit event.
 * Thread-safe, and safe across processes sharing one database.
 */
public interface CaResourceStore {
    /** Tags of the CA, by key. */
    List<CaTag> tags(String caId);

    /** Adds the tags (a key already there gets the new value); stores nothing and returns false if the CA would then have more than {@code max}. */
    boolean addTags(String caId, List<CaTag> tags, int max, AuditEvent event);

    /** Removes the tags with these keys (and, where a tag gives a value, only with that value). */
    void removeTags(String caId, List<CaTag> tags, AuditEvent event);

    Optional<String> policy(String caId);

    /** Sets ({@code policy} non-null) or deletes (null) the CA's resource policy; false when deleting a policy that is not there. */
    boolean setPolicy(String caId, String policy, AuditEvent event);

    List<CaPermission> permissions(String caId);

    /** False (nothing stored) when the CA already has a permission for the same principal and source account. */
    boolean addPermission(String caId, CaPermission permission, AuditEvent event);

    /** False when there was no such permission. */
    boolean removePermission(String caId, String principal, String sourceAccount, AuditEvent event);

    /**
     * Claims an idempotency token of CA creation at {@code at}, unless a claim or a creation at or after {@code since}
     * holds it: then says which. Atomic across threads and processes, so two requests with one token never both
     * create. A claim older than {@code since} that never recorded a CA (its creator died) is taken over.
     */
    CreationClaim claimCreation(String token, Instant at, Instant since);

    /** Records the CA made under a claimed token; a retry within the window is answered with it. */
    void rememberCreation(String token, String caId, Instant at);

    /** Drops a claim whose creation failed, so that a retry can claim the token again; a recorded CA stays. */
    void releaseCreation(String token);

    void saveReport(AuditReport report, AuditEvent event);

    Optional<AuditReport> report(String caId, String reportId);

    /** The CA's newest report. */
    Optional<AuditReport> latestReport(String caId);
}
