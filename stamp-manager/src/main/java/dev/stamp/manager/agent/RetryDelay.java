package dev.stamp.manager.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * The wait before retrying a request that is merely pending (issuer unreachable or not ready, Secret not writable):
 * {@code initial * 2^(attempt-1)}, capped at {@code max}; by default 10 s doubling to 5 min, like a workqueue's
 * rate limiter. Not cert-manager's failure backoff, which only a Failed request starts.
 */
record RetryDelay(Duration initial, Duration max) {
    static final RetryDelay DEFAULT = new RetryDelay(Duration.ofSeconds(10), Duration.ofMinutes(5));

    RetryDelay {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (!initial.isPositive() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry delay needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    Duration after(int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(max) > 0 ? max : d;
    }
}
