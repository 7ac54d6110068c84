package dev.stamp.server.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** The native API's request and response bodies. Field names are the wire contract (see openapi.json). */
final class Dtos {
    private Dtos() {}

    /** {@code validity}: "90d", "2y", ... or {"value": 90, "type": "DAYS"} as AWS's Validity. */
    record CreateCa(String type, String subject, String keyAlgorithm, String signingAlgorithm, String parentCaId,
                    String template, JsonNode validity) {}

    record ImportCertificate(String certificate, String chain) {}

    /** Either or both: a status (ACTIVE, DISABLED) and a partial revocation configuration (null members unchanged). */
    record UpdateCa(String status, RevocationConfig revocation) {}

    record RevocationConfig(Boolean crlEnabled, Integer crlExpirationInDays, String crlCustomCname, Boolean crlOmitExtension,
                            Boolean crlPartitioned, Boolean ocspEnabled, String ocspCustomCname, String ocspSigner) {}

    record Issue(String csr, String template, JsonNode validity, String signingAlgorithm, String idempotencyKey) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ca(String id, String type, String status, String subject, String keyAlgorithm, String signingAlgorithm,
              String serial, String notBefore, String notAfter, String createdAt, String restorableUntil, String certificate,
              RevocationConfig revocation) {}

    record CaList(List<Ca> items) {}

    record Csr(String csr) {}

    /** {@code state} is as stored (PENDING, ISSUED, FAILED); {@code status} adds REVOKED and EXPIRED (lists only). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Certificate(String caId, String serial, String state, String status, String template, String subject, String notBefore,
                       String notAfter, String certificate, String chain) {}

    /** {@code nextCursor}: pass it as {@code cursor} for the next page; null on the last page. */
    record CertificateList(List<Certificate> items, String nextCursor) {}

    /** Reason as RFC 5280 (keyCompromise) or AWS (KEY_COMPROMISE) names it. */
    record Revoke(String reason) {}

    record Revocation(String caId, String serial, String reason, String revokedAt) {}

    record AuditEntry(long sequence, String at, String actor, String action, String caId, String target, String detail,
                      String previousHash, String hash) {}

    record AuditList(List<AuditEntry> items, String nextCursor) {}

    /** {@code problem}: where the chain breaks, null when intact. */
    record AuditVerdict(boolean intact, long entries, long headSequence, String headHash, String problem) {}

    /** {@code expiresAt} (RFC 3339) or {@code expiresIn} ("90d", "12h"), or neither for a token that does not expire. */
    record CreateToken(String role, List<String> caIds, String name, String expiresAt, String expiresIn) {}

    /** {@code secret} only in the response that created the token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Token(String id, String name, String role, List<String> caIds, String status, String createdAt, String expiresAt,
                 String revokedAt, String secret) {}

    record TokenList(List<Token> items) {}
}
