package dev.stamp.manager.agent;

import dev.stamp.manager.spec.CertificateRequest;

import java.time.Instant;
import java.util.Objects;

/**
 * A CertificateRequest and its status as the agent keeps it: its Ready state with reason and message, the issued
 * chain (leaf first) and CA in PEM once Issued, and {@code failureTime} once Failed.
 */
public record RequestRecord(CertificateRequest request, int revision, RequestState state, String reason, String message,
                            String certificatePem, String caPem, Instant failureTime, Instant created) {
    public RequestRecord {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(created, "created");
        if (revision < 1) throw new IllegalArgumentException("request revision must be at least 1, got " + revision);
        reason = reason == null ? "" : reason;
        message = message == null ? "" : message;
        certificatePem = certificatePem == null ? "" : certificatePem;
        caPem = caPem == null ? "" : caPem;
    }

    public String name() {
        return request.metadata().name();
    }

    static RequestRecord created(CertificateRequest request, int revision, Instant now) {
        return new RequestRecord(request, revision, RequestState.Pending, "Pending", "Waiting for the issuer", "", "", null, now);
    }

    RequestRecord pending(String reason, String message) {
        return new RequestRecord(request, revision, RequestState.Pending, reason, message, "", "", null, created);
    }

    RequestRecord issued(String chainPem, String caPem) {
        return new RequestRecord(request, revision, RequestState.Issued, "Issued", "Certificate fetched from issuer successfully",
                chainPem, caPem, null, created);
    }

    RequestRecord failed(String reason, String message, Instant now) {
        return new RequestRecord(request, revision, RequestState.Failed, reason, message, "", "", now, created);
    }
}
