package dev.stamp.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per remote address, drained by failed authentications only: a client that keeps presenting bad
 * tokens is refused before its token is even looked up, while good clients never touch it. Idle buckets are dropped
 * once full again, so the map holds only recent offenders.
 */
public final class FailureLimiter {
    private record Bucket(double tokens, Instant at) {}

    private final InstantSource clock;
    private final int capacity;
    private final Duration refillEvery;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    FailureLimiter(InstantSource clock, int capacity, Duration refillEvery) {
        this.clock = clock;
        this.capacity = capacity;
        this.refillEvery = refillEvery;
    }

    /** True while the address has failures left. */
    public boolean allowed(String address) {
        Bucket b = buckets.get(address);
        return b == null || refilled(b, clock.instant()).tokens() >= 1;
    }

    public void failed(String address) {
        Instant now = clock.instant();
        buckets.compute(address, (k, b) -> {
            Bucket current = b == null ? new Bucket(capacity, now) : refilled(b, now);
            return new Bucket(Math.max(0, current.tokens() - 1), now);
        });
        if (buckets.size() > 10_000) buckets.entrySet().removeIf(e -> refilled(e.getValue(), now).tokens() >= capacity);
    }

    private Bucket refilled(Bucket b, Instant now) {
        double gained = (double) Duration.between(b.at(), now).toNanos() / refillEvery.toNanos();
        return new Bucket(Math.min(capacity, b.tokens() + Math.max(0, gained)), now);
    }
}
