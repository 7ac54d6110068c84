package dev.stamp.core.ca;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.crypto.SignatureVerifier;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Issuance;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.store.CaStore;
import dev.stamp.core.vault.VaultKey;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The lifecycle of certificate authorities, as AWS Private CA runs it: create (key in the vault, CSR, PENDING_CERTIFICATE),
 * import the signed certificate (ACTIVE), disable and enable, delete with a restore window, restore. Also the one-step
 * forms: a root that signs its own certificate, and a subordinate signed by a parent Stamp CA. Every change is audited.
 * Thread-safe: state lives in the store, whose optimistic locking refuses concurrent changes to one CA.
 */
public final class CertificateAuthorities {
    public static final int DEFAULT_RESTORE_DAYS = 30;

    private final CaStore store;
    private final CaSigner signer;
    private final Issuance issuance;
    private final CaCertificateCheck importCheck;
    private final InstantSource clock;
    private final SecureRandom random;

    public CertificateAuthorities(CaStore store, CaSigner signer, Issuance issuance, SignatureVerifier verifier,
                                  InstantSource clock, SecureRandom random) {
        this.store = Objects.requireNonNull(store);
        this.signer = Objects.requireNonNull(signer);
        this.issuance = Objects.requireNonNull(issuance);
        this.importCheck = new CaCertificateCheck(verifier);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    /** Creates the CA's key in the vault and its CSR; the CA waits in PENDING_CERTIFICATE for its certificate. */
    public CertificateAuthority create(CreateCaRequest request, String actor) {
        Instant now = now();
        VaultKey key = signer.vault().generate(request.keyAlgorithm());
        var info = new CertificationRequestInfo(request.subject().toX500Name(),
                SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()), new DERSet());
        var csr = signer.sign(info, key.keyId(), request.signingAlgorithm());
        var ca = new CertificateAuthority(newId(), request.type(), CaStatus.PENDING_CERTIFICATE, null, request.usageMode(),
                request.keyAlgorithm(), request.signingAlgorithm(), request.subject(), key.keyId(), csr, null, List.of(),
                request.revocation(), now, now, null, 0);
        store.insert(ca, event(actor, "CreateCertificateAuthority", ca, request.type() + " " + request.subject()
                + " key=" + request.keyAlgorithm() + " mode=" + request.usageMode()));
        return ca;
    }

    /** A root in one step: create it, sign its own certificate with a RootCACertificate template, import it. */
    public CertificateAuthority createRoot(CreateCaRequest request, Validity validity, String actor) {
        if (request.type() != CaType.ROOT) throw StampException.invalidArgument("createRoot needs type ROOT, not " + request.type());
        CertificateAuthority ca = create(request, actor);
        IssuedCertificate own = issuance.issue(new IssueRequest(ca.id(), csrDer(ca), null, Template.named("RootCACertificate/V1"),
                validity, null, null, null, actor));
        return importCertificate(ca.id(), Pem.encoded(own.certificate()), List.of(), actor);
    }

    /** A subordinate in one step: create it, have the parent sign its CSR with {@code template}, import it with the parent's chain. */
    public CertificateAuthority createSubordinate(CreateCaRequest request, String parentId, Template template, Validity validity, String actor) {
        if (request.type() != CaType.SUBORDINATE) throw StampException.invalidArgument("createSubordinate needs type SUBORDINATE, not " + request.type());
        if (!template.isCa() || template.kind() != Template.Kind.SUBORDINATE_CA) {
            throw StampException.invalidArgument("a subordinate CA needs a SubordinateCACertificate template, not " + template.name());
        }
        get(parentId); // fail before creating a key when the parent does not exist
        CertificateAuthority ca = create(request, actor);
        IssuedCertificate signed = issuance.issue(new IssueRequest(parentId, csrDer(ca), null, template, validity, null, null, null, actor));
        return importCertificate(ca.id(), Pem.encoded(signed.certificate()),
                signed.chain().stream().map(Pem::encoded).toList(), actor);
    }

    /** Installs the CA's signed certificate and the chain above it (issuer first, root last); the CA becomes ACTIVE. */
    public CertificateAuthority importCertificate(String id, byte[] certificate, List<byte[]> chain, String actor) {
        CertificateAuthority ca = get(id);
        switch (ca.status()) {
            case PENDING_CERTIFICATE, ACTIVE, DISABLED, EXPIRED -> { }
            default -> throw StampException.invalidState("CA " + id + " is " + ca.status() + " and cannot take a certificate");
        }
        List<X509CertificateHolder> certs = Pem.certificates(certificate);
        if (certs.size() != 1) throw StampException.malformedCertificate("expected one CA certificate, found " + certs.size());
        List<X509CertificateHolder> parents = new ArrayList<>();
        for (byte[] c : chain) parents.addAll(Pem.certificates(c));
        Instant now = now();
        importCheck.check(ca, certs.getFirst(), parents, now);
        CertificateAuthority active = ca.withCertificate(certs.getFirst(), parents, now);
        store.update(active, event(actor, "ImportCertificateAuthorityCertificate", active,
                "serial=" + certs.getFirst().getSerialNumber().toString(16) + " notAfter=" + active.notAfter()));
        return active;
    }

    /** A CA by id; a CA whose certificate has lapsed shows (and is stored) as EXPIRED; one past its restore window is gone. */
    public CertificateAuthority get(String id) {
        CertificateAuthority ca = store.find(id).orElseThrow(() -> StampException.notFound("certificate authority " + id + " does not exist"));
        Instant now = now();
        if (ca.status() == CaStatus.DELETED && ca.restorableUntil() != null && !now.isBefore(ca.restorableUntil())) {
            throw StampException.notFound("certificate authority " + id + " was deleted permanently at " + ca.restorableUntil());
        }
        if ((ca.status() == CaStatus.ACTIVE || ca.status() == CaStatus.DISABLED) && ca.notAfter() != null && !now.isBefore(ca.notAfter())) {
            CertificateAuthority expired = ca.withStatus(CaStatus.EXPIRED, now);
            store.update(expired, event("stamp", "CertificateAuthorityExpired", expired, "notAfter=" + ca.notAfter()));
            return expired;
        }
        return ca;
    }

    /** Every CA that still exists, oldest first. */
    public List<CertificateAuthority> list() {
        Instant now = now();
        return store.list().stream()
                .filter(ca -> ca.status() != CaStatus.DELETED || ca.restorableUntil() == null || now.isBefore(ca.restorableUntil()))
                .toList();
    }

    /**
     * AWS UpdateCertificateAuthority: the status (ACTIVE ⇄ DISABLED) and/or the revocation configuration, the new one
     * made from the current by {@code revocation}. Everything is checked before anything changes, so a bad status
     * never leaves a changed revocation configuration behind.
     */
    public CertificateAuthority update(String id, CaStatus status, java.util.function.UnaryOperator<RevocationConfiguration> revocation,
                                       String actor) {
        if (status == null && revocation == null) throw StampException.invalidArgument("give a status, a revocation configuration, or both");
        if (status != null && !CaStatus.SETTABLE.contains(status)) {
            throw StampException.invalidArgument("status can be set to ACTIVE or DISABLED only, not " + status);
        }
        CertificateAuthority ca = get(id);
        if (!ca.status().updatable()) {
            throw StampException.invalidState("CA " + id + " is " + ca.status() + "; only an ACTIVE or DISABLED CA can be updated");
        }
        RevocationConfiguration config = revocation == null ? null : revocation.apply(ca.revocation());
        if (config != null) ca = updateRevocation(id, config, actor);
        if (status != null) ca = setStatus(id, status, actor);
        return ca;
    }

    /** ACTIVE ⇄ DISABLED, as AWS UpdateCertificateAuthority(Status). */
    public CertificateAuthority setStatus(String id, CaStatus status, String actor) {
        CertificateAuthority ca = get(id);
        if (!CaStatus.SETTABLE.contains(status)) {
            throw StampException.invalidArgument("status can be set to ACTIVE or DISABLED only, not " + status);
        }
        if (!ca.status().updatable()) {
            throw StampException.invalidState("CA " + id + " is " + ca.status() + "; only an ACTIVE or DISABLED CA can change status");
        }
        if (ca.status() == status) return ca;
        CertificateAuthority changed = ca.withStatus(status, now());
        store.update(changed, event(actor, status == CaStatus.ACTIVE ? "EnableCertificateAuthority" : "DisableCertificateAuthority", changed, ""));
        return changed;
    }

    public CertificateAuthority updateRevocation(String id, RevocationConfiguration config, String actor) {
        CertificateAuthority ca = get(id);
        if (!ca.status().updatable()) {
            throw StampException.invalidState("CA " + id + " is " + ca.status() + "; only an ACTIVE or DISABLED CA can be updated");
        }
        CertificateAuthority changed = ca.withRevocation(config, now());
        store.update(changed, event(actor, "UpdateRevocationConfiguration", changed, config.toString()));
        return changed;
    }

    /** Deletes a CA that is not ACTIVE; it can be restored for {@code days} (7 to 30) days. */
    public CertificateAuthority delete(String id, int days, String actor) {
        if (days < 7 || days > 30) throw StampException.invalidArgument("PermanentDeletionTimeInDays must be between 7 and 30, not " + days);
        CertificateAuthority ca = get(id);
        if (!ca.status().deletable()) {
            throw StampException.invalidState("CA " + id + " is " + ca.status() + " and not in a valid state for deletion"
                    + (ca.status() == CaStatus.ACTIVE ? "; disable it first" : ""));
        }
        Instant now = now();
        CertificateAuthority deleted = ca.deleted(now, now.plus(Duration.ofDays(days)));
        store.update(deleted, event(actor, "DeleteCertificateAuthority", deleted, "restorableUntil=" + deleted.restorableUntil()));
        return deleted;
    }

    /** Brings a DELETED CA back to the status it had before deletion. */
    public CertificateAuthority restore(String id, String actor) {
        CertificateAuthority ca = get(id);
        if (ca.status() != CaStatus.DELETED) {
            throw StampException.invalidState("CA " + id + " is " + ca.status() + "; only a DELETED CA can be restored");
        }
        CertificateAuthority restored = ca.restored(now());
        store.update(restored, event(actor, "RestoreCertificateAuthority", restored, "status=" + restored.status()));
        return restored;
    }

    private static byte[] csrDer(CertificateAuthority ca) {
        try {
            return ca.csr().getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
        b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xff);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xff);
        return new UUID(hi, lo).toString();
    }

    private AuditEvent event(String actor, String action, CertificateAuthority ca, String detail) {
        return new AuditEvent(now(), actor == null ? "local" : actor, action, ca.id(), "", detail);
    }
}
