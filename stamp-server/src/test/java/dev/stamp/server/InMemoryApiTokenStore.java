package dev.stamp.server;

import dev.stamp.core.StampException;
import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.ApiTokenStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test double for {@link ApiTokenStore}. */
final class InMemoryApiTokenStore implements ApiTokenStore {
    private final Map<String, ApiToken> byId = new LinkedHashMap<>();
    /** Makes every lookup fail as an outage would: an unexpected exception, not a StampException. */
    volatile boolean broken;

    @Override public synchronized void insert(ApiToken token) {
        if (byId.containsKey(token.id()) || findByHash(token.hash()).isPresent()) throw StampException.conflict("duplicate token");
        byId.put(token.id(), token);
    }

    @Override public synchronized Optional<ApiToken> findByHash(String hash) {
        if (broken) throw new IllegalStateException("token store outage (test)");
        return byId.values().stream().filter(t -> t.hash().equals(hash)).findFirst();
    }

    @Override public synchronized Optional<ApiToken> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override public synchronized List<ApiToken> list() {
        return new ArrayList<>(byId.values());
    }

    @Override public synchronized boolean revoke(String id, Instant at) {
        ApiToken t = byId.get(id);
        if (t == null || t.revoked()) return false;
        byId.put(id, t.revokedAt(at));
        return true;
    }
}
