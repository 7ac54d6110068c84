package dev.stamp.core.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for AWS access keys (secrets only as the vault sealed them). Thread-safe. */
public interface AccessKeyStore {
    /** @throws dev.stamp.core.StampException CONFLICT when the id exists already */
    void insert(AccessKey key);

    Optional<AccessKey> find(String id);

    /** Oldest first. */
    List<AccessKey> list();

    /** Marks the key revoked; false when there is no such key or it was revoked already. */
    boolean revoke(String id, Instant at);
}
