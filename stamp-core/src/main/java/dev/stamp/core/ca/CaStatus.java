package dev.stamp.core.ca;

import java.util.EnumSet;
import java.util.Set;

/**
 * AWS Private CA's CA statuses and the transitions between them:
 * CREATING → PENDING_CERTIFICATE → ACTIVE ⇄ DISABLED; ACTIVE/DISABLED → EXPIRED when the CA certificate lapses;
 * FAILED is terminal but deletable; DELETED is restorable to the status it had before.
 */
public enum CaStatus {
    CREATING, PENDING_CERTIFICATE, ACTIVE, DISABLED, EXPIRED, FAILED, DELETED;

    /** Deletion is allowed from every state but ACTIVE (disable first) and DELETED. */
    public boolean deletable() {
        return EnumSet.of(CREATING, PENDING_CERTIFICATE, DISABLED, EXPIRED, FAILED).contains(this);
    }

    /** States a caller may set directly through an update (AWS UpdateCertificateAuthority). */
    public static final Set<CaStatus> SETTABLE = Set.of(ACTIVE, DISABLED);

    /** The states from which an update (status or revocation configuration) is accepted. */
    public boolean updatable() {
        return this == ACTIVE || this == DISABLED;
    }

    /** Certificates can be issued only by an ACTIVE CA (a root may also sign its own certificate while PENDING). */
    public boolean issuing() {
        return this == ACTIVE;
    }
}
