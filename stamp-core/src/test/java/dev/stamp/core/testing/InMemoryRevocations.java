package dev.stamp.core.testing;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationStore;
import dev.stamp.core.revoke.RevokeOutcome;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.store.CertificateStore;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The revocation port's test double: one lock over plain maps, the contract of the JDBC adapter. */
final class InMemoryRevocations implements RevocationStore {
    private final Object lock;
    private final CertificateStore certificates;
    private final AuditStore audit;
    private final Map<String, Revocation> rows = new LinkedHashMap<>();
    private final Map<String, Long> numbers = new HashMap<>();
    private final Map<String, PublishedCrl> latest = new HashMap<>();

    InMemoryRevocations(Object lock, CertificateStore certificates, AuditStore audit) {
        this.lock = lock;
        this.certificates = certificates;
        this.audit = audit;
    }

    private static String key(String caId, BigInteger serial) { return caId + "/" + serial.toString(16); }

    @Override public RevokeOutcome revoke(Revocation revocation, AuditEvent event) {
        synchronized (lock) {
            if (certificates.find(revocation.caId(), revocation.serial()).isEmpty()) return new RevokeOutcome.NoCertificate();
            Revocation earlier = rows.get(key(revocation.caId(), revocation.serial()));
            if (earlier != null) return new RevokeOutcome.AlreadyRevoked(earlier);
            // As the JDBC store: dated after the CA's latest CRL, so that revokedSince never misses it.
            Revocation stored = revocation;
            for (PublishedCrl crl : latest.values()) {
                if (crl.caId().equals(revocation.caId()) && !stored.revokedAt().isAfter(crl.thisUpdate())) {
                    stored = new Revocation(stored.caId(), stored.serial(), stored.reason(), crl.thisUpdate().plusNanos(1_000),
                            stored.certificateNotAfter(), stored.partition(), stored.actor());
                }
            }
            rows.put(key(revocation.caId(), revocation.serial()), stored);
            audit.append(event);
            return new RevokeOutcome.Revoked(stored);
        }
    }

    @Override public Optional<Revocation> find(String caId, BigInteger serial) {
        synchronized (lock) { return Optional.ofNullable(rows.get(key(caId, serial))); }
    }

    @Override public boolean revokedSince(String caId, int partition, Instant since) {
        synchronized (lock) {
            return rows.values().stream().anyMatch(r -> inScope(r, caId, partition) && !r.revokedAt().isBefore(since));
        }
    }

    @Override public List<Revocation> revokedFrom(Instant since, int limit) {
        synchronized (lock) {
            return rows.values().stream().filter(r -> !r.revokedAt().isBefore(since))
                    .sorted(java.util.Comparator.comparing(Revocation::revokedAt)).limit(limit).toList();
        }
    }

    @Override public Optional<PublishedCrl> latest(String caId, int partition) {
        synchronized (lock) { return Optional.ofNullable(latest.get(caId + "#" + partition)); }
    }

    @Override public PublishedCrl publish(String caId, int partition, CrlWriter writer) {
        synchronized (lock) {
            long number = numbers.getOrDefault(caId, 0L) + 1;
            List<Revocation> snapshot = new ArrayList<>(rows.values());
            PublishedCrl crl = writer.write(number, Optional.ofNullable(latest.get(caId + "#" + partition)).map(PublishedCrl::thisUpdate),
                    (cutoff, sink) -> snapshot.stream()
                            .filter(r -> inScope(r, caId, partition) && !r.certificateNotAfter().isBefore(cutoff))
                            .forEach(r -> sink.accept(r.entry())));
            numbers.put(caId, number);
            latest.put(caId + "#" + partition, crl);
            return crl;
        }
    }

    private static boolean inScope(Revocation r, String caId, int partition) {
        return r.caId().equals(caId) && (partition == CrlPartitions.WHOLE || r.partition() == partition);
    }
}
