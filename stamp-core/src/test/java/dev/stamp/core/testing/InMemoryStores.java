package dev.stamp.core.testing;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditChain;
import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ocsp.InProcessOcspSigners;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.store.CaStore;
import dev.stamp.core.store.CertificateCursor;
import dev.stamp.core.store.CertificateNames;
import dev.stamp.core.store.CertificatePage;
import dev.stamp.core.store.CertificateQuery;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.store.ListedCertificate;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStore;
import dev.stamp.core.store.Reservation;
import dev.stamp.core.store.Stores;
import dev.stamp.core.vault.WrappedKey;
import dev.stamp.core.vault.WrappedKeyStore;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test double of the storage ports for the core's unit tests: one lock, plain maps, the same contract as the
 * JDBC adapters (which stamp-store tests against SQLite and PostgreSQL).
 */
public final class InMemoryStores implements CaStore, CertificateStore, AuditStore, WrappedKeyStore {
    private final Map<String, CertificateAuthority> cas = new LinkedHashMap<>();
    private final Map<String, CertificateRecord> certs = new LinkedHashMap<>();
    /** The searchable names each reservation was given, by the same key as {@link #certs}. */
    private final Map<String, String> names = new HashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final Map<String, WrappedKey> keys = new HashMap<>();
    private final Map<String, String> settings = new HashMap<>();

    private final InMemoryRevocations revocations = new InMemoryRevocations(this, this, this);

    private final InProcessOcspSigners ocspSigners = new InProcessOcspSigners();

    private final InMemoryCaResources caResources = new InMemoryCaResources(this);

    public Stores stores() {
        return new Stores(this, this, this, this, revocations, ocspSigners, caResources);
    }

    private static String key(String caId, BigInteger serial) {
        return caId + "/" + serial.toString(16);
    }

    @Override public synchronized void insert(CertificateAuthority ca, AuditEvent event) {
        if (cas.containsKey(ca.id())) throw StampException.conflict("CA " + ca.id() + " exists");
        cas.put(ca.id(), ca);
        append(event);
    }

    @Override public synchronized void update(CertificateAuthority ca, AuditEvent event) {
        CertificateAuthority old = cas.get(ca.id());
        if (old == null) throw StampException.notFound("CA " + ca.id());
        if (old.version() != ca.version() - 1) throw StampException.conflict("CA " + ca.id() + " changed concurrently");
        cas.put(ca.id(), ca);
        append(event);
    }

    @Override public synchronized Optional<CertificateAuthority> find(String id) { return Optional.ofNullable(cas.get(id)); }

    @Override public synchronized List<CertificateAuthority> list() { return List.copyOf(cas.values()); }

    @Override public synchronized Reservation reserve(CertificateRecord pending, String names, Instant tokenValidFrom) {
        if (pending.idempotencyToken() != null) {
            for (CertificateRecord r : certs.values()) {
                if (r.caId().equals(pending.caId()) && pending.idempotencyToken().equals(r.idempotencyToken())) {
                    if (!r.createdAt().isBefore(tokenValidFrom)) return new Reservation.TokenUsed(r);
                    certs.put(key(r.caId(), r.serial()), new CertificateRecord(r.caId(), r.serial(), r.state(), r.template(),
                            r.subject(), r.notBefore(), r.notAfter(), r.der(), null, r.createdAt()));
                }
            }
        }
        String k = key(pending.caId(), pending.serial());
        if (certs.containsKey(k)) return new Reservation.SerialTaken();
        certs.put(k, pending);
        this.names.put(k, names);
        return new Reservation.Reserved();
    }

    /** The names the reservation of this certificate was given (null for none). */
    public synchronized String names(String caId, BigInteger serial) {
        return names.get(key(caId, serial));
    }

    @Override public synchronized void recordIssued(CertificateRecord issued, AuditEvent event) {
        certs.put(key(issued.caId(), issued.serial()), issued);
        append(event);
    }

    @Override public synchronized void recordFailed(String caId, BigInteger serial, AuditEvent event) {
        CertificateRecord r = certs.get(key(caId, serial));
        certs.put(key(caId, serial), new CertificateRecord(caId, serial, CertificateState.FAILED, r.template(), r.subject(),
                r.notBefore(), r.notAfter(), r.der(), r.idempotencyToken(), r.createdAt()));
        append(event);
    }

    @Override public synchronized Optional<CertificateRecord> find(String caId, BigInteger serial) {
        return Optional.ofNullable(certs.get(key(caId, serial)));
    }

    @Override public synchronized List<CertificateRecord> list(String caId, int limit) {
        return certs.values().stream().filter(r -> caId == null || r.caId().equals(caId))
                .sorted(Comparator.comparing(CertificateRecord::createdAt).reversed()).limit(limit).toList();
    }

    /** Same order and filters as the JDBC store, by brute force over the map. */
    @Override public synchronized CertificatePage query(CertificateQuery q) {
        Comparator<CertificateRecord> newestFirst = Comparator.comparing(CertificateRecord::createdAt)
                .thenComparing(CertificateRecord::caId).thenComparing(CertificateRecord::serial).reversed();
        List<ListedCertificate> matching = certs.values().stream()
                .filter(r -> q.caIds().isEmpty() || q.caIds().contains(r.caId()))
                .filter(r -> q.expiringBefore() == null || r.notAfter().isBefore(q.expiringBefore()))
                .filter(r -> q.nameContains() == null || CertificateNames.contains(names.get(key(r.caId(), r.serial())), r.subject(), q.nameContains()))
                .filter(r -> q.after() == null || newestFirst.compare(r, cursorProbe(q.after())) > 0)
                .sorted(newestFirst)
                .map(r -> new ListedCertificate(r, CertificateStatus.of(r.state(), revocations.find(r.caId(), r.serial()).isPresent(), r.notAfter(), q.now())))
                .filter(l -> q.status() == null || l.status() == q.status())
                .limit(q.limit() + 1L).toList();
        boolean more = matching.size() > q.limit();
        List<ListedCertificate> page = more ? matching.subList(0, q.limit()) : matching;
        return new CertificatePage(page, more ? CertificateCursor.after(page.getLast().record()) : null);
    }

    private static CertificateRecord cursorProbe(CertificateCursor c) {
        return new CertificateRecord(c.caId(), c.serial(), CertificateState.ISSUED, "-", "-", c.createdAt(), c.createdAt(), new byte[0], null, c.createdAt());
    }

    @Override public synchronized List<AuditEntry> page(long afterSequence, int limit) {
        return audit.stream().filter(e -> e.sequence() > afterSequence).limit(limit).toList();
    }

    @Override public synchronized long count(String caId) {
        return certs.values().stream().filter(r -> caId == null || r.caId().equals(caId)).count();
    }

    @Override public synchronized long countUnrevokedExpiring(String caId, Instant after, Instant until) {
        return certs.values().stream().filter(r -> r.caId().equals(caId) && r.state() == CertificateState.ISSUED
                        && r.notAfter().isAfter(after) && !r.notAfter().isAfter(until) && revocations.find(caId, r.serial()).isEmpty())
                .count();
    }

    @Override public synchronized AuditEntry append(AuditEvent event) {
        AuditEntry e = AuditChain.link(audit.isEmpty() ? null : audit.getLast(), event);
        audit.add(e);
        return e;
    }

    @Override public synchronized List<AuditEntry> entries() { return List.copyOf(audit); }

    @Override public synchronized Head head() {
        return audit.isEmpty() ? new Head(0, AuditEntry.GENESIS) : new Head(audit.getLast().sequence(), audit.getLast().hash());
    }

    @Override public synchronized void put(WrappedKey key) { keys.put(key.keyId(), key); }

    @Override public synchronized Optional<WrappedKey> get(String keyId) { return Optional.ofNullable(keys.get(keyId)); }

    @Override public synchronized Optional<String> setting(String name) { return Optional.ofNullable(settings.get(name)); }

    @Override public synchronized void putSetting(String name, String value) {
        if (value == null) settings.remove(name); else settings.put(name, value);
    }

    /** No sealed secrets live here (the access keys have their own double). */
    @Override public synchronized Rekeyed rekey(Rekey rekey, AuditEvent event) {
        Map<String, WrappedKey> rewrapped = new HashMap<>();
        keys.forEach((id, key) -> rewrapped.put(id, rekey.rewrap(key))); // all or nothing: nothing written before here
        keys.putAll(rewrapped);
        rekey.settings().forEach(this::putSetting);
        append(event);
        return new Rekeyed(rewrapped.size(), 0);
    }
}
