package dev.stamp.core.ocsp;

import org.bouncycastle.cert.ocsp.CertificateID;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pre-signed responses without nonce, per certificate id (CA, serial, hash algorithm), least recently used first out
 * once {@code capacity} is reached. One lock: a hit costs a map lookup, far less than the signature it saves.
 */
final class ResponseCache {
    /** The CertID hash algorithm is part of the key: the response echoes the request's CertID. */
    record Key(String caId, BigInteger serial, String hashOid) {
        static Key of(String caId, CertificateID id) {
            return new Key(caId, id.getSerialNumber(), id.getHashAlgOID().getId());
        }
    }

    /**
     * A signed response and what it was built on: the CertID it answers (to sign it again), whether the certificate was
     * revoked then (so a revocation recorded since, by any process, is seen with one indexed read), the key that signed
     * it (so a rotated or changed signer is noticed) and when it is due to be signed again.
     */
    record Cached(OcspAnswer answer, CertificateID id, boolean revoked, String signerKeyId, Instant refreshAt) {}

    private final int capacity;
    private final Map<Key, Cached> map;
    /**
     * Counts invalidations. A response signed while a certificate was being revoked may say "good": it is put only if no
     * invalidation happened since its signer read the store ({@link #putIfCurrent}), so it never overwrites the revoked
     * one (which matters once kept responses are served without reading the store).
     */
    private long generation;

    ResponseCache(int capacity) {
        if (capacity < 0) throw new IllegalArgumentException("capacity must be >= 0, not " + capacity);
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Cached get(Key key) {
        return map.get(key);
    }

    /** Whether {@code key} has an entry, without counting as a use. */
    synchronized boolean contains(Key key) {
        return map.containsKey(key);
    }

    /** Read before the store is asked about a certificate, handed to {@link #putIfCurrent} / {@link #replaceIfCurrent}. */
    synchronized long generation() {
        return generation;
    }

    /** Puts {@code entry} unless a certificate was invalidated since {@code seen} was read; true when it was put. */
    synchronized boolean putIfCurrent(Key key, Cached entry, long seen) {
        if (seen != generation || capacity == 0) return false;
        map.put(key, entry);
        return true;
    }

    /**
     * Puts a re-signed entry back only if its key is still there (a refresh must not bring back what was evicted) and
     * nothing was invalidated since {@code seen}.
     */
    synchronized void replaceIfCurrent(Key key, Cached entry, long seen) {
        if (seen == generation) map.computeIfPresent(key, (k, old) -> entry);
    }

    synchronized void remove(Key key) {
        map.remove(key);
    }

    /** Removes and returns the entries of one certificate, whatever their hash algorithm. */
    synchronized List<Cached> remove(String caId, BigInteger serial) {
        generation++;
        List<Cached> removed = new ArrayList<>(1);
        for (Iterator<Map.Entry<Key, Cached>> it = map.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Cached> e = it.next();
            if (e.getKey().caId().equals(caId) && e.getKey().serial().equals(serial)) {
                removed.add(e.getValue());
                it.remove();
            }
        }
        return removed;
    }

    /** A copy of the entries, least recently used first. */
    synchronized List<Map.Entry<Key, Cached>> snapshot() {
        return map.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }

    synchronized int size() {
        return map.size();
    }
}
