package dev.stamp.core.ocsp;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pre-signed responses without nonce, per certificate id (CA, serial, hash algorithm), least recently used first out
 * once {@code capacity} is reached. One lock: a hit costs a map lookup, far less than the signature it saves.
 */
final class ResponseCache {
    /** The CertID hash algorithm is part of the key: the response echoes the request's CertID. */
    record Key(String caId, BigInteger serial, String hashOid) {}

    /**
     * A signed response and what it was built on: {@code revoked} tells whether the certificate was revoked then, so a
     * revocation recorded since (by any process) is seen with one indexed read.
     */
    record Cached(OcspAnswer answer, boolean revoked, Instant refreshAt) {}

    private final Map<Key, Cached> map;

    ResponseCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("capacity must be >= 0, not " + capacity);
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Cached get(Key key) {
        return map.get(key);
    }

    synchronized void put(Key key, Cached entry) {
        map.put(key, entry);
    }

    synchronized void invalidate(String caId, BigInteger serial) {
        map.keySet().removeIf(k -> k.caId().equals(caId) && k.serial().equals(serial));
    }

    synchronized int size() {
        return map.size();
    }
}
