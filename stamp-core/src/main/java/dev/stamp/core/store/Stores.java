package dev.stamp.core.store;

import dev.stamp.core.ca.CaResourceStore;
import dev.stamp.core.ocsp.InProcessOcspSigners;
import dev.stamp.core.ocsp.OcspSignerStore;
import dev.stamp.core.revoke.RevocationStore;
import dev.stamp.core.vault.WrappedKeyStore;

import java.util.Objects;

/** The storage ports one deployment uses, as one value for wiring. */
public record Stores(CaStore cas, CertificateStore certificates, AuditStore audit, WrappedKeyStore keys, RevocationStore revocations,
                     OcspSignerStore ocspSigners, CaResourceStore caResources) {

    public Stores {
        Objects.requireNonNull(caResources);
        Objects.requireNonNull(ocspSigners);
        Objects.requireNonNull(cas);
        Objects.requireNonNull(certificates);
        Objects.requireNonNull(audit);
        Objects.requireNonNull(keys);
        Objects.requireNonNull(revocations);
    }
}
