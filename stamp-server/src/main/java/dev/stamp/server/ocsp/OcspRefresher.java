package dev.stamp.server.ocsp;

import dev.stamp.core.ocsp.OcspResponder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link OcspResponder#refresh()} every {@code refreshInterval} on one virtual thread, the first time one interval
 * after start-up (until then a request signs its own response): responses
 * are signed ahead and refreshed before they go stale, and delegated responders are rotated, without a request
 * waiting for any of it. The work itself (and its tests) live in the core.
 */
public final class OcspRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OcspRefresher.class);

    private final ScheduledExecutorService scheduler;

    private OcspRefresher(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static OcspRefresher start(OcspResponder responder) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("stamp-ocsp-refresh").factory());
        long every = responder.settings().refreshInterval().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int signed = responder.refresh();
                if (signed > 0) LOG.debug("OCSP: {} responses signed ahead or refreshed", signed);
            } catch (RuntimeException e) {
                // A failed round (the database away, say) must not end the schedule: the next one tries again.
                LOG.warn("OCSP refresh failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS); // the first round waits one interval: start-up and first requests come first
        return new OcspRefresher(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
