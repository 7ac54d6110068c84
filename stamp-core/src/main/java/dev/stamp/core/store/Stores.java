package dev.stamp.core.store;

import dev.stamp.core.revoke.RevocationStore;
import dev.stamp.core.vault.WrappedKeyStore;

import java.util.Objects;

/** The storage ports one deployment uses, as one value for wiring. */
public record Stores(CaStore cas, CertificateStore certificates, AuditStore audit, WrappedKeyStore keys, RevocationStore revocations) {
    public Stores {
        Objects.requireNonNull(cas);
        Objects.requireNonNull(certificates);
        Objects.requireNonNull(audit);
        Objects.requireNonNull(keys);
        Objects.requireNonNull(revocations);
    }
}
