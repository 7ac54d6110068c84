package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.SigningAlgorithm;

import java.time.Instant;
import java.util.Objects;

/**
 * One request to issue a certificate, whichever protocol it came from: the CA, the CSR (DER or PEM bytes),
 * the signing algorithm (null: the CA's own), template, validity, optional notBefore, API passthrough,
 * an optional idempotency token (1 to 36 characters) and who asks (for the audit log).
 */
public record IssueRequest(
        String caId,
        byte[] csr,
        SigningAlgorithm signingAlgorithm,
        Template template,
        Validity validity,
        Instant notBefore,
        ApiPassthrough apiPassthrough,
        String idempotencyToken,
        String actor) {

    public IssueRequest {
        Objects.requireNonNull(caId, "caId");
        if (csr == null || csr.length == 0) throw StampException.malformedCsr("the CSR is empty");
        if (csr.length > 32 * 1024) throw StampException.malformedCsr("the CSR is " + csr.length + " bytes; at most 32768 are accepted");
        csr = csr.clone();
        template = template == null ? Template.named(Template.DEFAULT) : template;
        Objects.requireNonNull(validity, "validity");
        apiPassthrough = apiPassthrough == null ? ApiPassthrough.NONE : apiPassthrough;
        if (idempotencyToken != null && (idempotencyToken.isEmpty() || idempotencyToken.length() > 36)) {
            throw StampException.invalidArgument("idempotency token must be 1 to 36 characters, not " + idempotencyToken.length());
        }
        actor = actor == null ? "local" : actor;
    }

    @Override public byte[] csr() { return csr.clone(); }

    public static IssueRequest of(String caId, byte[] csr, Template template, Validity validity) {
        return new IssueRequest(caId, csr, null, template, validity, null, null, null, null);
    }
}
