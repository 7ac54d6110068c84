package dev.stamp.core.store;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CertificateAuthority;

import java.util.List;
import java.util.Optional;

/** Storage port for certificate authorities. Every write appends its audit event in the same transaction. Thread-safe. */
public interface CaStore {

    /** Stores a new CA; CONFLICT if its id exists. */
    void insert(CertificateAuthority ca, AuditEvent event);

    /**
     * Replaces a CA whose stored version is {@code ca.version() - 1}; a CONFLICT {@link dev.stamp.core.StampException}
     * when another writer got there first.
     */
    void update(CertificateAuthority ca, AuditEvent event);

    Optional<CertificateAuthority> find(String id);

    /** All CAs, oldest first. */
    List<CertificateAuthority> list();
}
