package dev.stamp.core.revoke;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.store.CaStore;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStore;

import java.math.BigInteger;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Revokes certificates. A revocation is recorded as its own row with its audit event ("RevokeCertificate") in one
 * durable transaction before {@link #revoke} returns; the issued record is never changed. The next CRL of the CA
 * (see {@link RevocationLists#current}) lists it. Thread-safe: all state lives in the store, whose unique key on
 * (CA, serial) makes a second revocation, however concurrent, a CONFLICT.
 */
public final class Revocations {
    private final CaStore cas;
    private final CertificateStore certificates;
    private final RevocationStore revocations;
    private final InstantSource clock;

    public Revocations(CaStore cas, CertificateStore certificates, RevocationStore revocations, InstantSource clock) {
        this.cas = Objects.requireNonNull(cas);
        this.certificates = Objects.requireNonNull(certificates);
        this.revocations = Objects.requireNonNull(revocations);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Revokes the certificate {@code serial} that CA {@code caId} issued.
     *
     * @throws StampException NOT_FOUND for an unknown CA or certificate; INVALID_STATE for a certificate still being
     *         issued or whose issuance failed; INVALID_ARGUMENT for a root CA's own self-signed certificate;
     *         CONFLICT ("already revoked at ...") when it is revoked already
     */
    public Revocation revoke(String caId, BigInteger serial, RevocationReason reason, String actor) {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(actor, "actor");
        CertificateAuthority ca = cas.find(caId)
                .orElseThrow(() -> StampException.notFound("certificate authority " + caId + " does not exist"));
        CertificateRecord record = certificates.find(caId, serial)
                .orElseThrow(() -> StampException.notFound("certificate " + CertificateRecord.hex(serial) + " of CA " + caId + " does not exist"));
        if (record.state() != CertificateState.ISSUED) {
            throw StampException.invalidState("certificate " + record.serialHex() + " of CA " + caId + " is " + record.state()
                    + ", not ISSUED: only an issued certificate can be revoked");
        }
        if (isOwnRoot(ca, serial)) {
            // A self-signed root is trusted by being installed, not by any CRL: its own CRL cannot speak for it.
            throw StampException.invalidArgument("certificate " + record.serialHex() + " is the self-signed certificate of root CA "
                    + caId + "; a root cannot revoke itself (disable or delete the CA and remove it from trust stores instead)");
        }
        // CRLs carry whole seconds; storing the same value keeps the store and every CRL in agreement.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Revocation revocation = new Revocation(caId, serial, reason, now, record.notAfter(), CrlPartitions.of(serial), actor);
        AuditEvent event = new AuditEvent(now, actor, "RevokeCertificate", caId, record.serialHex(),
                "reason=" + reason.awsName() + " subject=" + record.subject());
        return switch (revocations.revoke(revocation, event)) {
            case RevokeOutcome.Revoked revoked -> revoked.revocation();
            case RevokeOutcome.AlreadyRevoked already -> throw StampException.conflict("certificate " + record.serialHex()
                    + " of CA " + caId + " was already revoked at " + already.earlier().revokedAt()
                    + " (" + already.earlier().reason().awsName() + ")");
            case RevokeOutcome.NoCertificate none -> throw StampException.notFound("certificate " + record.serialHex()
                    + " of CA " + caId + " does not exist");
        };
    }

    /** The revocation of a certificate, if it is revoked. */
    public java.util.Optional<Revocation> find(String caId, BigInteger serial) {
        return revocations.find(caId, serial);
    }

    private static boolean isOwnRoot(CertificateAuthority ca, BigInteger serial) {
        var cert = ca.certificate();
        return cert != null && cert.getSerialNumber().equals(serial) && cert.getSubject().equals(cert.getIssuer());
    }
}
