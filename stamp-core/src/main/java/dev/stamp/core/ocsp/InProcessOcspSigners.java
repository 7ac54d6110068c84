package dev.stamp.core.ocsp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link OcspSignerStore} in this process's memory: for deployments without a database table for it (one process)
 * and for tests. After a restart a new responder is issued. Thread-safe.
 */
public final class InProcessOcspSigners implements OcspSignerStore {
    private final Map<String, DelegatedSigner> newest = new HashMap<>();

    @Override public synchronized Optional<DelegatedSigner> current(String caId) {
        return Optional.ofNullable(newest.get(caId));
    }

    @Override public synchronized boolean add(DelegatedSigner signer) {
        DelegatedSigner old = newest.get(signer.caId());
        if (old != null && old.generation() >= signer.generation()) return false;
        newest.put(signer.caId(), signer);
        return true;
    }
}
