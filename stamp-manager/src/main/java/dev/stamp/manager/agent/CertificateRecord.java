package dev.stamp.manager.agent;

import dev.stamp.manager.spec.CertificateStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent keeps about one Certificate: a summary of its spec, the generation (bumped when the spec
 * changes) and the spec's fingerprint, its status, its CertificateRequests by revision, the last
 * {@value #MAX_EVENTS} events, how many times in a row the issuer could not be reached, and when it next wants to run.
 * Immutable: the withers return a new record.
 */
public record CertificateRecord(String namespace, String name, CertificateSummary summary, long generation,
                                String specFingerprint, CertificateStatus status, List<RequestRecord> requests,
                                List<AgentEvent> events, int transientRetries, Instant nextRun) {
    static final int MAX_EVENTS = 20;

    public CertificateRecord {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        specFingerprint = specFingerprint == null ? "" : specFingerprint;
        requests = requests.stream().sorted(Comparator.comparingInt(RequestRecord::revision)).toList();
        events = List.copyOf(events);
        if (requests.stream().map(RequestRecord::revision).distinct().count() != requests.size()) {
            throw new IllegalArgumentException("certificate " + namespace + "/" + name + " has two requests of one revision");
        }
    }

    static CertificateRecord fresh(String namespace, String name) {
        return new CertificateRecord(namespace, name, null, 0, "", CertificateStatus.EMPTY, List.of(), List.of(), 0, null);
    }

    public Optional<RequestRecord> request(Integer revision) {
        if (revision == null) return Optional.empty();
        return requests.stream().filter(r -> r.revision() == revision).findFirst();
    }

    /** The request of {@code status.revision}: the one the Secret was issued from. */
    public Optional<RequestRecord> currentRequest() {
        return request(status.revision());
    }

    /** The request of {@code status.revision + 1}: the one an issuance in progress uses. */
    public Optional<RequestRecord> nextRequest() {
        return request(status.nextRevision());
    }

    CertificateRecord withStatus(CertificateStatus s) {
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, s, requests, events, transientRetries, nextRun);
    }

    CertificateRecord withSpec(CertificateSummary newSummary, String fingerprint) {
        long gen = fingerprint.equals(specFingerprint) ? generation : generation + 1;
        return new CertificateRecord(namespace, name, newSummary, gen, fingerprint, status, requests, events, transientRetries, nextRun);
    }

    CertificateRecord withRequest(RequestRecord request) {
        List<RequestRecord> out = new ArrayList<>(requests);
        out.removeIf(r -> r.revision() == request.revision());
        out.add(request);
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, status, out, events, transientRetries, nextRun);
    }

    CertificateRecord withoutRequest(int revision) {
        List<RequestRecord> out = new ArrayList<>(requests);
        out.removeIf(r -> r.revision() == revision);
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, status, out, events, transientRetries, nextRun);
    }

    CertificateRecord withRequests(List<RequestRecord> list) {
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, status, list, events, transientRetries, nextRun);
    }

    /** Adds an event, or counts a repeat of the latest one; keeps the last {@value #MAX_EVENTS}. */
    CertificateRecord withEvent(AgentEvent event) {
        List<AgentEvent> out = new ArrayList<>(events);
        if (!out.isEmpty() && out.getLast().sameAs(event)) {
            out.set(out.size() - 1, out.getLast().repeated(event.lastTime()));
        } else {
            out.add(event);
        }
        while (out.size() > MAX_EVENTS) out.removeFirst();
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, status, requests, out, transientRetries, nextRun);
    }

    CertificateRecord withTransientRetries(int retries) {
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, status, requests, events, retries, nextRun);
    }

    CertificateRecord withNextRun(Instant at) {
        return new CertificateRecord(namespace, name, summary, generation, specFingerprint, status, requests, events, transientRetries, at);
    }
}
