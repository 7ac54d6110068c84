package dev.stamp.server.revoke;

import dev.stamp.core.Pki;
import dev.stamp.core.ocsp.OcspResponder;
import dev.stamp.core.revoke.CrlPublisher;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationWatcher;
import dev.stamp.server.http.RevocationMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What runs in the background so that a revocation shows everywhere within seconds: the CRL publisher (the scope of
 * each revocation at once, every CRL before its nextUpdate) and the watcher that sees revocations other processes
 * sharing the database made (schedules their CRL, drops their cached OCSP response). One thread; the work itself
 * lives in the core ({@link CrlPublisher}, {@link RevocationWatcher}).
 */
public final class RevocationPropagation implements AutoCloseable {
    /** How often the store is polled for other processes' revocations and CRLs are checked for refresh. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(RevocationPropagation.class);

    private final Pki pki;
    private final CrlPublisher publisher;
    private final RevocationWatcher watcher;
    private final RevocationMetrics metrics;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("stamp-revocation-propagation").factory());

    public RevocationPropagation(Pki pki, InstantSource clock, RevocationMetrics metrics) {
        this.pki = pki;
        this.metrics = metrics;
        this.publisher = new CrlPublisher(pki.stores().cas(), pki.crls(), clock, System::nanoTime, CrlPublisher.DEFAULT_REFRESH_AT, metrics);
        this.watcher = new RevocationWatcher(pki.stores().revocations(), clock, RevocationWatcher.DEFAULT_LOOKBACK, this::seen);
    }

    /** Starts polling and refreshing every {@code interval}. */
    public RevocationPropagation start(Duration interval) {
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(() -> run("poll", this::tick), 0, millis, TimeUnit.MILLISECONDS);
        // The watcher invalidates the kept OCSP response of every revocation any process records, within a poll (and a
        // revocation through this server at once): the responder need not read the store per request any more.
        pki.ocsp().freshness(OcspResponder.Freshness.WATCHED);
        return this;
    }

    /** A revocation made through this server: counted, its OCSP response dropped and its CRL published right away. */
    public void revoked(Revocation revocation) {
        metrics.revoked(revocation);
        // Signs the revoked answer now; with the watcher running, the responder serves kept responses without a store read.
        seen(revocation);
        try {
            thread.execute(() -> run("publish", publisher::publishPending));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Stopping: the next fetch signs it (the store says a revocation came after the latest CRL).
        }
    }

    /** The CRL to serve: the stored one while current, else signed now. */
    public PublishedCrl current(String caId, int partition) {
        return publisher.current(caId, partition);
    }

    private void tick() {
        watcher.poll();
        publisher.tick();
    }

    /**
     * A revocation to show: its OCSP response dropped and its CRL scheduled. The watcher's finds (perhaps this server's
     * own; publishing it twice is a no-op) and this server's own revocations alike.
     */
    private void seen(Revocation revocation) {
        pki.ocsp().invalidate(revocation.caId(), revocation.serial());
        publisher.revoked(revocation.caId(), revocation.serial());
    }

    /** A failure is logged and the schedule goes on: a scheduled task that throws is never run again. */
    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("background revocation {} failed: {}", what, e.toString());
        }
    }

    @Override
    public void close() {
        pki.ocsp().freshness(OcspResponder.Freshness.READ_PER_REQUEST); // nobody watches from now on
        thread.shutdown(); // lets a publication in progress commit rather than interrupting its transaction
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
