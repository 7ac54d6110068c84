package dev.stamp.core.ocsp;

import java.util.Optional;

/**
 * Storage port for delegated OCSP responders, so that every process on one database signs with the same one.
 * Unique per (CA, generation): of two processes rotating at once, one adds generation n+1 and the other learns it lost
 * and uses the winner's. Thread-safe.
 */
public interface OcspSignerStore {

    /** The CA's newest responder (highest generation), if it ever had one. */
    Optional<DelegatedSigner> current(String caId);

    /** Records {@code signer} durably; false, storing nothing, when the CA already has that generation. */
    boolean add(DelegatedSigner signer);
}
