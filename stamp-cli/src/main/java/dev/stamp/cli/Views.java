package dev.stamp.cli;

import java.util.List;
import java.util.Map;

/** What a {@link Backend} answers with: plain values that print alike whether they came from a data directory or a server. */
final class Views {
    private Views() {}

    record CaRow(String id, String type, String status, String keyAlgorithm, String notAfter, String subject, boolean isDefault) {}

    /** {@code pem}: the leaf, then its intermediates; {@code rootPem}: the root (the leaf itself for a self-signed one). */
    record Issued(String serial, String subject, String names, String notAfter, String pem, String rootPem) {}

    record CertRow(String serial, String status, String notAfter, String caId, String subject, Map<String, Object> details) {}

    record CertPage(List<CertRow> items, String nextCursor) {}

    /** {@code details}: as 'cert show' prints them; {@code pem}: the certificate and its chain. */
    record Cert(Map<String, Object> details, String pem) {}

    record Revoked(String caId, String revokedAt, String reason) {}

    record Crl(String caId, byte[] der, long number, long entries, String thisUpdate, String nextUpdate) {}

    record AuditLine(long sequence, String at, String actor, String action, String caId, String target, String detail) {}

    record AuditVerdict(boolean intact, long entries, String headHash, String problem) {}

    record Token(String id, String role, String status, String createdAt, String name, List<String> caIds, String expiresAt) {}

    record CreatedToken(String id, String role, String secret) {}
}
