package dev.stamp.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where fresh TLS material for the API listener comes from, checked every {@link #checkEvery()}: a certificate the
 * server issues itself (renewed at two thirds of its life) or files an operator's tool rotates (reloaded on change).
 */
public interface TlsRefresh {
    /** New material to serve from now on, or empty to keep {@code current}. May throw; the current material stays. */
    Optional<TlsMaterial> refreshed(TlsMaterial current, Instant now);

    Duration checkEvery();

    /** Issues a fresh certificate once two thirds of the current one's life have passed. */
    static TlsRefresh renewing(Supplier<TlsMaterial> issue) {
        return new TlsRefresh() {
            @Override public Optional<TlsMaterial> refreshed(TlsMaterial current, Instant now) {
                return now.isBefore(TlsRenewal.due(current)) ? Optional.empty() : Optional.of(issue.get());
            }

            @Override public Duration checkEvery() {
                return Duration.ofHours(1);
            }
        };
    }

    /**
     * Reloads the files when their contents change. A half-written pair (a key that does not match the chain yet)
     * fails to load and is tried again at the next check, while the old material keeps serving.
     */
    static TlsRefresh watching(TlsFiles files, Duration every) {
        byte[] loaded = files.fingerprint();
        return new TlsRefresh() {
            private byte[] seen = loaded;

            @Override public synchronized Optional<TlsMaterial> refreshed(TlsMaterial current, Instant now) {
                byte[] fingerprint = files.fingerprint();
                if (Arrays.equals(fingerprint, seen)) return Optional.empty();
                TlsMaterial next = files.load();
                seen = fingerprint;
                return Optional.of(next);
            }

            @Override public Duration checkEvery() {
                return every;
            }
        };
    }
}
