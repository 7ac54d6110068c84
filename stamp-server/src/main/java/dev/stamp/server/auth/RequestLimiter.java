package dev.stamp.server.auth;

import dev.stamp.server.config.RequestRate;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller (token id or certificate subject): {@link RequestRate#burst()} requests at once, refilled
 * at {@link RequestRate#perSecond()}. Buckets that are full again are dropped, so the map holds only busy callers.
 */
final class RequestLimiter {
    private record Bucket(double tokens, Instant at) {}

    private final InstantSource clock;
    private final RequestRate rate;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestLimiter(InstantSource clock, RequestRate rate) {
        this.clock = clock;
        this.rate = rate;
    }

    /** Takes one request from the caller's bucket: empty when allowed, else the whole seconds until one is back. */
    OptionalLong take(String caller) {
        Instant now = clock.instant();
        long[] wait = {0};
        buckets.compute(caller, (k, b) -> {
            Bucket current = b == null ? new Bucket(rate.burst(), now) : refilled(b, now);
            if (current.tokens() >= 1) return new Bucket(current.tokens() - 1, now);
            wait[0] = Math.max(1, (long) Math.ceil((1 - current.tokens()) / rate.perSecond()));
            return current;
        });
        if (buckets.size() > 10_000) buckets.entrySet().removeIf(e -> refilled(e.getValue(), now).tokens() >= rate.burst());
        return wait[0] == 0 ? OptionalLong.empty() : OptionalLong.of(wait[0]);
    }

    private Bucket refilled(Bucket b, Instant now) {
        double gained = Duration.between(b.at(), now).toNanos() / 1e9 * rate.perSecond();
        return new Bucket(Math.min(rate.burst(), b.tokens() + Math.max(0, gained)), now.isAfter(b.at()) ? now : b.at());
    }
}
