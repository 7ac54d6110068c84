package dev.stamp.core.testing;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.AuditReport;
import dev.stamp.core.ca.CaPermission;
import dev.stamp.core.ca.CaResourceStore;
import dev.stamp.core.ca.CaTag;
import dev.stamp.core.store.AuditStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** {@link CaResourceStore} in memory for tests: one lock, audit events appended to the given audit store. */
public final class InMemoryCaResources implements CaResourceStore {
    private final AuditStore audit;
    private final Map<String, TreeMap<String, CaTag>> tags = new HashMap<>();
    private final Map<String, String> policies = new HashMap<>();
    private final Map<String, List<CaPermission>> permissions = new HashMap<>();
    private final Map<String, Map.Entry<String, Instant>> tokens = new HashMap<>();
    private final List<AuditReport> reports = new ArrayList<>();

    public InMemoryCaResources(AuditStore audit) {
        this.audit = audit;
    }

    @Override public synchronized List<CaTag> tags(String caId) {
        return List.copyOf(tags.getOrDefault(caId, new TreeMap<>()).values());
    }

    @Override public synchronized boolean addTags(String caId, List<CaTag> add, int max, AuditEvent event) {
        TreeMap<String, CaTag> next = new TreeMap<>(tags.getOrDefault(caId, new TreeMap<>()));
        for (CaTag t : add) next.put(t.key(), t);
        if (next.size() > max) return false;
        tags.put(caId, next);
        audit.append(event);
        return true;
    }

    @Override public synchronized void removeTags(String caId, List<CaTag> remove, AuditEvent event) {
        TreeMap<String, CaTag> current = tags.getOrDefault(caId, new TreeMap<>());
        for (CaTag t : remove) {
            CaTag there = current.get(t.key());
            if (there != null && (t.value() == null || Objects.equals(there.value(), t.value()))) current.remove(t.key());
        }
        audit.append(event);
    }

    @Override public synchronized Optional<String> policy(String caId) {
        return Optional.ofNullable(policies.get(caId));
    }

    @Override public synchronized boolean setPolicy(String caId, String policy, AuditEvent event) {
        // As the SQL store: setting always stores; deleting reports whether there was a policy.
        boolean changed;
        if (policy == null) {
            changed = policies.remove(caId) != null;
        } else {
            policies.put(caId, policy);
            changed = true;
        }
        if (changed) audit.append(event);
        return changed;
    }

    @Override public synchronized List<CaPermission> permissions(String caId) {
        return List.copyOf(permissions.getOrDefault(caId, List.of()));
    }

    @Override public synchronized boolean addPermission(String caId, CaPermission p, AuditEvent event) {
        List<CaPermission> list = permissions.computeIfAbsent(caId, k -> new ArrayList<>());
        if (list.stream().anyMatch(x -> x.principal().equals(p.principal()) && Objects.equals(x.sourceAccount(), p.sourceAccount()))) return false;
        list.add(p);
        audit.append(event);
        return true;
    }

    @Override public synchronized boolean removePermission(String caId, String principal, String sourceAccount, AuditEvent event) {
        boolean removed = permissions.getOrDefault(caId, new ArrayList<>())
                .removeIf(x -> x.principal().equals(principal) && Objects.equals(x.sourceAccount(), sourceAccount));
        if (removed) audit.append(event);
        return removed;
    }

    /** A claim without its CA yet is kept with the CA id "", as the JDBC store does. */
    @Override public synchronized dev.stamp.core.ca.CreationClaim claimCreation(String token, Instant at, Instant since) {
        var e = tokens.get(token);
        if (e == null || e.getValue().isBefore(since)) {
            tokens.put(token, Map.entry("", at));
            return new dev.stamp.core.ca.CreationClaim.Claimed();
        }
        return e.getKey().isEmpty() ? new dev.stamp.core.ca.CreationClaim.InProgress() : new dev.stamp.core.ca.CreationClaim.Created(e.getKey());
    }

    @Override public synchronized void rememberCreation(String token, String caId, Instant at) {
        tokens.put(token, Map.entry(caId, at));
    }

    @Override public synchronized void releaseCreation(String token) {
        var e = tokens.get(token);
        if (e != null && e.getKey().isEmpty()) tokens.remove(token);
    }

    @Override public synchronized void saveReport(AuditReport report, AuditEvent event) {
        reports.add(report);
        audit.append(event);
    }

    @Override public synchronized Optional<AuditReport> report(String caId, String reportId) {
        return reports.stream().filter(r -> r.caId().equals(caId) && r.id().equals(reportId)).findFirst();
    }

    @Override public synchronized Optional<AuditReport> latestReport(String caId) {
        return reports.stream().filter(r -> r.caId().equals(caId)).max(Comparator.comparing(AuditReport::createdAt));
    }
}
