package dev.stamp.core.store;

import dev.stamp.core.audit.AuditChain;
import dev.stamp.core.audit.AuditEntry;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on a store's whole audit chain: every link and the recorded head. One place for the CLI's
 * {@code audit verify} and the REST API's, so both find the same break.
 *
 * @param problem where and how the chain breaks; null when it is intact
 */
public record AuditVerification(boolean intact, long entries, AuditStore.Head head, String problem) {
    public static AuditVerification of(AuditStore audit) {
        List<AuditEntry> entries = audit.entries();
        AuditStore.Head head = audit.head();
        Optional<String> broken = AuditChain.verify(entries, head.sequence(), head.hash());
        return new AuditVerification(broken.isEmpty(), entries.size(), head, broken.orElse(null));
    }
}
