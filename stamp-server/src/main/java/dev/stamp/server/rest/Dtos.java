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

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Certificate(String caId, String serial, String state, String template, String subject, String notBefore,
                       String notAfter, String certificate, String chain) {}

    /** {@code nextCursor} is always null until the store pages by cursor. */
    record CertificateList(List<Certificate> items, String nextCursor) {}

    /** Reason as RFC 5280 (keyCompromise) or AWS (KEY_COMPROMISE) names it. */
    record Revoke(String reason) {}

    record Revocation(String caId, String serial, String reason, String revokedAt) {}
}
