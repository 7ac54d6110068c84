package dev.stamp.core.ca;

import java.time.Instant;
import java.util.Objects;

/**
 * A CA audit report (AWS CreateCertificateAuthorityAuditReport): every certificate the CA issued or revoked, as JSON
 * or CSV. {@code bucket} is kept as a label (Stamp writes no S3); {@code key} is AWS's object key
 * {@code audit-report/<CA id>/<report id>.<json|csv>}.
 */
public record AuditReport(String caId, String id, Format format, String bucket, String key, Instant createdAt, byte[] content) {
    public enum Format { JSON, CSV }

    public AuditReport {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(createdAt, "createdAt");
        content = content.clone();
    }

    @Override public byte[] content() { return content.clone(); }
}
