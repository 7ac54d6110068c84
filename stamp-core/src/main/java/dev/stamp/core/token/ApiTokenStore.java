package dev.stamp.core.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage port for API tokens. Implementations hold hashes only; thread-safe. */
public interface ApiTokenStore {
    /** @throws dev.stamp.core.StampException CONFLICT when the id or hash exists already */
    void insert(ApiToken token);

    Optional<ApiToken> findByHash(String hash);

    Optional<ApiToken> find(String id);

    /** Oldest first. */
    List<ApiToken> list();

    /** Marks the token revoked; false when there is no such token or it was revoked already. */
    boolean revoke(String id, Instant at);
}
