package dev.stamp.core.ca;

import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A certificate authority as stored: identity, configuration, key reference, and, once imported,
 * its certificate and the chain above it (issuer first, root last; empty for a root).
 * Immutable; every change produces a new value with {@code version + 1}, which the store checks
 * so that two writers never overwrite each other.
 */
public record CertificateAuthority(
        String id,
        CaType type,
        CaStatus status,
        CaStatus statusBeforeDeletion,
        UsageMode usageMode,
        KeyAlgorithm keyAlgorithm,
        SigningAlgorithm signingAlgorithm,
        CaSubject subject,
        String keyId,
        PKCS10CertificationRequest csr,
        X509CertificateHolder certificate,
        List<X509CertificateHolder> chain,
        RevocationConfiguration revocation,
        Instant createdAt,
        Instant lastStateChangeAt,
        Instant restorableUntil,
        long version) {

    /** AWS allows a root and four levels of subordinates. */
    public static final int MAX_DEPTH = 5;

    public CertificateAuthority {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(usageMode, "usageMode");
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(signingAlgorithm, "signingAlgorithm");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastStateChangeAt, "lastStateChangeAt");
        chain = chain == null ? List.of() : List.copyOf(chain);
    }

    /** 1 for a root, 2 for a CA the root signed, and so on; counted from the imported chain. */
    public int depth() {
        return chain.size() + 1;
    }

    /** The CA certificate followed by the chain above it: what a client needs to build the path. */
    public List<X509CertificateHolder> certificateWithChain() {
        if (certificate == null) return List.of();
        var all = new java.util.ArrayList<X509CertificateHolder>(chain.size() + 1);
        all.add(certificate);
        all.addAll(chain);
        return List.copyOf(all);
    }

    /** The path length constraint in this CA's own certificate, or null when it sets none. */
    public BigInteger pathLengthConstraint() {
        if (certificate == null) return null;
        BasicConstraints bc = BasicConstraints.fromExtensions(certificate.getExtensions());
        return bc == null ? null : bc.getPathLenConstraint();
    }

    public Instant notAfter() {
        return certificate == null ? null : dev.stamp.core.crypto.X509Times.of(certificate.toASN1Structure().getEndDate());
    }

    public Instant notBefore() {
        return certificate == null ? null : dev.stamp.core.crypto.X509Times.of(certificate.toASN1Structure().getStartDate());
    }

    public CertificateAuthority withStatus(CaStatus next, Instant at) {
        return new CertificateAuthority(id, type, next, statusBeforeDeletion, usageMode, keyAlgorithm, signingAlgorithm,
                subject, keyId, csr, certificate, chain, revocation, createdAt, at, restorableUntil, version + 1);
    }

    public CertificateAuthority deleted(Instant at, Instant until) {
        return new CertificateAuthority(id, type, CaStatus.DELETED, status, usageMode, keyAlgorithm, signingAlgorithm,
                subject, keyId, csr, certificate, chain, revocation, createdAt, at, until, version + 1);
    }

    public CertificateAuthority restored(Instant at) {
        return new CertificateAuthority(id, type, statusBeforeDeletion, null, usageMode, keyAlgorithm, signingAlgorithm,
                subject, keyId, csr, certificate, chain, revocation, createdAt, at, null, version + 1);
    }

    public CertificateAuthority withCertificate(X509CertificateHolder cert, List<X509CertificateHolder> newChain, Instant at) {
        return new CertificateAuthority(id, type, CaStatus.ACTIVE, statusBeforeDeletion, usageMode, keyAlgorithm, signingAlgorithm,
                subject, keyId, csr, cert, newChain, revocation, createdAt, at, restorableUntil, version + 1);
    }

    public CertificateAuthority withRevocation(RevocationConfiguration config, Instant at) {
        return new CertificateAuthority(id, type, status, statusBeforeDeletion, usageMode, keyAlgorithm, signingAlgorithm,
                subject, keyId, csr, certificate, chain, config, createdAt, at, restorableUntil, version + 1);
    }
}
