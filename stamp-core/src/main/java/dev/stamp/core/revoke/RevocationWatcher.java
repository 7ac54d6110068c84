package dev.stamp.core.revoke;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sees the revocations that any process sharing the database records, by polling the store
 * ({@link RevocationStore#revokedFrom}) and handing each new one to a consumer once (typically: schedule its CRL,
 * drop its cached OCSP response).
 *
 * <p>A revocation's stored time is taken by its process before its transaction commits, so a row may appear dated
 * up to a publication's length in the past: each poll therefore reads back {@code lookback} from the present and
 * remembers what it has handed on within that window. No thread of its own: a scheduler calls {@link #poll}.
 * Thread-safe.
 */
public final class RevocationWatcher {
    /** Longer than a revocation can wait for its CA's CRL lock (a million-entry CRL builds in about 3 s). */
    public static final Duration DEFAULT_LOOKBACK = Duration.ofSeconds(15);
    /** Revocations read per query. */
    static final int PAGE = 10_000;

    private static final Logger log = LoggerFactory.getLogger(RevocationWatcher.class);

    private final RevocationStore store;
    private final InstantSource clock;
    private final Duration lookback;
    private final Consumer<Revocation> consumer;
    /** What was handed on and is still inside the window, with its stored time. */
    private final Map<Seen, Instant> seen = new HashMap<>();

    private record Seen(String caId, BigInteger serial) {}

    public RevocationWatcher(RevocationStore store, InstantSource clock, Duration lookback, Consumer<Revocation> consumer) {
        this.store = Objects.requireNonNull(store);
        this.clock = Objects.requireNonNull(clock);
        this.lookback = Objects.requireNonNull(lookback);
        this.consumer = Objects.requireNonNull(consumer);
        if (lookback.isNegative()) throw new IllegalArgumentException("lookback must not be negative: " + lookback);
    }

    /** Hands on every revocation stored within the window that was not handed on before; how many. */
    public synchronized int poll() {
        Instant since = clock.instant().minus(lookback);
        seen.values().removeIf(at -> at.isBefore(since));
        int handed = 0;
        Instant from = since;
        while (true) {
            List<Revocation> page = store.revokedFrom(from, PAGE);
            for (Revocation r : page) {
                if (seen.putIfAbsent(new Seen(r.caId(), r.serial()), r.revokedAt()) != null) continue;
                handed++;
                try {
                    consumer.accept(r);
                } catch (RuntimeException e) {
                    log.warn("handling the revocation of {} of CA {} failed: {}", r.serial().toString(16), r.caId(), e.toString());
                }
            }
            if (page.size() < PAGE) return handed;
            Instant last = page.getLast().revokedAt();
            // A full page stored within one instant would be read forever; step past it (its rows were handed on).
            from = last.equals(from) ? last.plusNanos(1) : last;
            if (last.equals(from.minusNanos(1))) {
                log.warn("more than {} revocations share the stored time {}; some of them may not be seen until fetched", PAGE, last);
            }
        }
    }
}
