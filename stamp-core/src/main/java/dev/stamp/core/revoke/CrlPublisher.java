package dev.stamp.core.revoke;

import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.store.CaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Publishes CRLs ahead of demand, so that a fetch finds a signed one: the scope of each revocation it is told of
 * ({@link #revoked}) on the next {@link #publishPending}, and every scope of every CA with CRLs enabled once
 * {@code refreshAt} of its thisUpdate→nextUpdate window has passed ({@link #refreshDue}). A partitioned CA's partitions
 * are refreshed when they have been published before (a partition nobody fetched and nobody revoked in stays unsigned).
 *
 * <p>Has no thread of its own: a scheduler calls {@link #tick} (tests call it with a fixed clock). Several processes
 * may run one each over one database: the store serialises publishers per CA, and a scope another process has just
 * republished is not signed again. Thread-safe.
 */
public final class CrlPublisher {
    /** Refresh when half the CRL's validity has passed: a relying party never holds one within days of its nextUpdate. */
    public static final double DEFAULT_REFRESH_AT = 0.5;
    /** How often a partition never published is looked at again (another process may have published it since). */
    static final Duration UNPUBLISHED_RECHECK = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(CrlPublisher.class);

    private final CaStore cas;
    private final RevocationLists crls;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final double refreshAt;
    private final Listener listener;
    /** Scopes (as the revoked serial's partition) with a revocation not yet published by this process. */
    private final Set<Scope> pending = ConcurrentHashMap.newKeySet();
    /** When each scope this process knows of is next due; read from the store once, then kept as it publishes. */
    private final Map<Scope, Instant> due = new ConcurrentHashMap<>();

    /** One CRL of one CA: {@link CrlPartitions#WHOLE} or a partition. */
    public record Scope(String caId, int partition) {
        public Scope {
            Objects.requireNonNull(caId, "caId");
        }
    }

    /** Told of every CRL this publisher signs, with how long building and signing it took. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (crl, buildTime) -> {};

        void published(PublishedCrl crl, Duration buildTime);
    }

    /**
     * @param nanoTime a monotonic time source for build durations ({@code System::nanoTime})
     * @param refreshAt the fraction of a CRL's validity after which it is republished, above 0 and below 1
     */
    public CrlPublisher(CaStore cas, RevocationLists crls, InstantSource clock, LongSupplier nanoTime, double refreshAt, Listener listener) {
        this.cas = Objects.requireNonNull(cas);
        this.crls = Objects.requireNonNull(crls);
        this.clock = Objects.requireNonNull(clock);
        this.nanoTime = Objects.requireNonNull(nanoTime);
        this.listener = Objects.requireNonNull(listener);
        if (!(refreshAt > 0 && refreshAt < 1)) throw new IllegalArgumentException("refreshAt must be above 0 and below 1, not " + refreshAt);
        this.refreshAt = refreshAt;
    }

    /** Notes that {@code serial} of {@code caId} was revoked: its CRL is republished on the next {@link #publishPending}. */
    public void revoked(String caId, BigInteger serial) {
        pending.add(new Scope(caId, CrlPartitions.of(serial)));
    }

    /** Whether a revocation waits for {@link #publishPending}. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** {@link #publishPending}, then {@link #refreshDue}; the CRLs signed. */
    public List<PublishedCrl> tick() {
        List<PublishedCrl> signed = new ArrayList<>(publishPending());
        signed.addAll(refreshDue());
        return signed;
    }

    /**
     * Publishes the scope of every revocation noted since the last call, unless the scope's latest CRL (perhaps
     * another process's) already lists it. A scope that fails stays pending, to be tried again; one whose CA is gone
     * or has CRLs disabled is dropped.
     */
    public List<PublishedCrl> publishPending() {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (Scope noted : List.copyOf(pending)) {
            pending.remove(noted);
            CertificateAuthority ca = cas.find(noted.caId()).orElse(null);
            if (ca == null || !publishes(ca)) continue;
            scopes.add(new Scope(ca.id(), ca.revocation().crlPartitioned() ? noted.partition() : CrlPartitions.WHOLE));
        }
        List<PublishedCrl> signed = new ArrayList<>();
        for (Scope scope : scopes) {
            try {
                PublishedCrl latest = crls.latest(scope.caId(), scope.partition()).orElse(null);
                if (latest != null && crls.isCurrent(latest)) {
                    remember(latest);
                } else {
                    signed.add(publish(scope));
                }
            } catch (StampException e) {
                log.warn("dropped CRL publication of {} after a revocation: {}", scope, e.getMessage());
            } catch (RuntimeException e) {
                pending.add(scope); // retried on the next tick
                log.warn("CRL publication of {} after a revocation failed, will retry: {}", scope, e.toString());
            }
        }
        return signed;
    }

    /**
     * Republishes each scope of each CA with CRLs enabled whose CRL has passed {@code refreshAt} of its validity (or
     * expired), and a CA's complete CRL that was never published.
     */
    public List<PublishedCrl> refreshDue() {
        Instant now = clock.instant();
        List<PublishedCrl> signed = new ArrayList<>();
        for (CertificateAuthority ca : cas.list()) {
            if (!publishes(ca)) continue;
            List<Integer> partitions = ca.revocation().crlPartitioned() ? allPartitions() : List.of(CrlPartitions.WHOLE);
            for (int partition : partitions) {
                Scope scope = new Scope(ca.id(), partition);
                Instant when = due.get(scope);
                if (when != null && now.isBefore(when)) continue;
                try {
                    // Looked up again when due: another process may have refreshed it already.
                    PublishedCrl latest = crls.latest(ca.id(), partition).orElse(null);
                    if (latest == null && partition != CrlPartitions.WHOLE) {
                        due.put(scope, now.plus(UNPUBLISHED_RECHECK));
                    } else if (latest == null || !now.isBefore(refreshPoint(latest))) {
                        signed.add(publish(scope));
                    } else {
                        remember(latest);
                    }
                } catch (RuntimeException e) {
                    log.warn("background CRL refresh of {} failed: {}", scope, e.toString());
                }
            }
        }
        return signed;
    }

    /**
     * The CRL to serve for a scope: the latest while it is current, else one signed now (the fetch-time safety net
     * for a revocation not yet published in the background).
     */
    public PublishedCrl current(String caId, int partition) {
        PublishedCrl latest = crls.latest(caId, partition).orElse(null);
        if (latest != null && crls.isCurrent(latest)) return latest;
        return publish(new Scope(caId, partition));
    }

    private PublishedCrl publish(Scope scope) {
        long start = nanoTime.getAsLong();
        PublishedCrl crl = crls.publish(scope.caId(), scope.partition());
        listener.published(crl, Duration.ofNanos(nanoTime.getAsLong() - start));
        remember(crl);
        return crl;
    }

    private void remember(PublishedCrl crl) {
        due.put(new Scope(crl.caId(), crl.partition()), refreshPoint(crl));
    }

    private Instant refreshPoint(PublishedCrl crl) {
        Duration validity = Duration.between(crl.thisUpdate(), crl.nextUpdate());
        return crl.thisUpdate().plus(Duration.ofNanos((long) (validity.toNanos() * refreshAt)));
    }

    /**
     * CRLs enabled, and ACTIVE or DISABLED (a disabled CA's certificates still need their CRL, as on AWS; a CA
     * waiting for its certificate, expired, failed or deleted is left to fetch-time signing, if any).
     */
    private static boolean publishes(CertificateAuthority ca) {
        RevocationConfiguration config = ca.revocation();
        return config != null && config.crlEnabled() && ca.certificate() != null
                && (ca.status() == CaStatus.ACTIVE || ca.status() == CaStatus.DISABLED);
    }

    private static List<Integer> allPartitions() {
        List<Integer> all = new ArrayList<>(CrlPartitions.COUNT);
        for (int p = 0; p < CrlPartitions.COUNT; p++) all.add(p);
        return all;
    }
}
