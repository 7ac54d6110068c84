package dev.stamp.server.http;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CertificateAuthority;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Certificate expiry gauges, per CA: seconds until the CA's own certificate expires, and how many issued, unrevoked
 * certificates expire within 7 and 30 days. Computed by {@link #refresh()} (the server runs it every few minutes) from
 * an indexed count, so a scrape never touches the database.
 */
public final class ExpiryGauges {
    public static final Duration REFRESH_EVERY = Duration.ofMinutes(5);
    private static final Map<String, Duration> WINDOWS = Map.of("7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

    private final Pki pki;
    private final InstantSource clock;
    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();

    public ExpiryGauges(Pki pki, InstantSource clock, IssuanceMetrics metrics) {
        this.pki = pki;
        this.clock = clock;
        this.registry = metrics.registry();
    }

    /** Recomputes every gauge; a CA that fails (its database row unreadable) keeps its previous values. */
    public void refresh() {
        Instant now = clock.instant();
        for (CertificateAuthority ca : pki.authorities().list()) {
            if (ca.certificate() == null) continue; // awaiting its certificate: nothing expires yet
            set("stamp.ca.certificate.expiry.seconds", ca.id(), null,
                    Duration.between(now, ca.notAfter()).toSeconds());
            WINDOWS.forEach((label, window) -> set("stamp.certificates.expiring", ca.id(), label,
                    pki.stores().certificates().countUnrevokedExpiring(ca.id(), now, now.plus(window))));
        }
    }

    private void set(String name, String caId, String within, double value) {
        String key = name + "|" + caId + "|" + within;
        if (values.put(key, value) == null) {
            Gauge.Builder<Map<String, Double>> gauge = Gauge.builder(name, values, m -> m.getOrDefault(key, Double.NaN)).tag("ca", caId);
            if (within != null) gauge.tag("within", within).description("Issued, unrevoked certificates expiring within the window");
            else gauge.description("Seconds until the CA's own certificate expires (negative once it has)");
            gauge.register(registry);
        }
    }
}
