package dev.stamp.server.http;

import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.CrlPublisher;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.Revocation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revocation and CRL meters: {@code stamp_revocations_total{ca,reason}} (revocations made through this server),
 * {@code stamp_crl_build_seconds{ca,scope}} (each CRL this server signed, in the background or at fetch time) and
 * the size of the latest CRL it signed per scope, {@code stamp_crl_size_bytes} and {@code stamp_crl_entries}.
 * The scope tag is {@code whole} or the partition number. Thread-safe.
 */
public final class RevocationMetrics implements CrlPublisher.Listener {
    private final MeterRegistry registry;
    private final Map<String, Sizes> sizes = new ConcurrentHashMap<>();

    private record Sizes(AtomicLong bytes, AtomicLong entries) {}

    public RevocationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void revoked(Revocation revocation) {
        registry.counter("stamp.revocations", "ca", revocation.caId(), "reason", revocation.reason().rfcName()).increment();
    }

    @Override
    public void published(PublishedCrl crl, Duration buildTime) {
        String scope = crl.partition() == CrlPartitions.WHOLE ? "whole" : Integer.toString(crl.partition());
        Timer.builder("stamp.crl.build").description("Building and signing one CRL")
                .tags("ca", crl.caId(), "scope", scope).register(registry).record(buildTime);
        Sizes s = sizes.computeIfAbsent(crl.caId() + "/" + scope, k -> {
            Sizes created = new Sizes(new AtomicLong(), new AtomicLong());
            Gauge.builder("stamp.crl.size", created.bytes(), AtomicLong::get).baseUnit("bytes")
                    .description("DER size of the latest CRL this server signed").tags("ca", crl.caId(), "scope", scope).register(registry);
            Gauge.builder("stamp.crl.entries", created.entries(), AtomicLong::get)
                    .description("Entries of the latest CRL this server signed").tags("ca", crl.caId(), "scope", scope).register(registry);
            return created;
        });
        s.bytes().set(crl.der().length);
        s.entries().set(crl.entries());
    }
}
