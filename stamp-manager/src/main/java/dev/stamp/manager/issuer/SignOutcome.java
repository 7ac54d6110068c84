package dev.stamp.manager.issuer;

import java.util.Objects;

/** What signing a CertificateRequest came to. */
public sealed interface SignOutcome {
    /**
     * Signed. {@code chainPem} is leaf first, intermediates after, without a self-signed root (cert-manager's
     * {@code status.certificate}); {@code caPem} is the best guess at the root ({@code status.ca}) or empty.
     */
    record Issued(String chainPem, String caPem) implements SignOutcome {
        public Issued {
            Objects.requireNonNull(chainPem, "chainPem");
            caPem = caPem == null ? "" : caPem;
        }
    }

    /** Not yet: the issuer is busy or unreachable; try the same request again later. */
    record Pending(String message) implements SignOutcome {
        public Pending {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Terminal for this request (cert-manager's Ready=False/Failed): the Certificate makes a new one after backoff. */
    record Failed(String reason, String message) implements SignOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
