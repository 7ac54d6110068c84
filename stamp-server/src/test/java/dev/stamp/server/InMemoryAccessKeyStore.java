package dev.stamp.server;

import dev.stamp.core.token.AccessKey;
import dev.stamp.core.token.AccessKeyStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Access keys in memory, for server tests over the in-memory PKI. */
final class InMemoryAccessKeyStore implements AccessKeyStore {
    private final List<AccessKey> keys = new ArrayList<>();

    @Override public synchronized void insert(AccessKey key) { keys.add(key); }

    @Override public synchronized Optional<AccessKey> find(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    @Override public synchronized List<AccessKey> list() { return List.copyOf(keys); }

    @Override public synchronized boolean revoke(String id, Instant at) {
        for (int i = 0; i < keys.size(); i++) {
            AccessKey k = keys.get(i);
            if (k.id().equals(id) && !k.revoked()) {
                keys.set(i, new AccessKey(k.id(), k.name(), k.role(), k.caIds(), k.sealedSecret(), k.createdAt(), at));
                return true;
            }
        }
        return false;
    }
}
