package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.store.CaStore;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.DigestCalculatorProvider;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the CA a request's CertID names. The issuer name and key hashes of each CA certificate are remembered once
 * (per hash algorithm), so a request costs one read of that CA, not a read of every CA and two hashes per CA; an
 * unremembered CertID (a new CA, another hash algorithm, or no CA of ours) scans the CAs once. Read per request
 * ({@code reuse} zero), the CA is read fresh and matched again on every hit, so a deleted or re-certified CA is never
 * answered for from memory; a server whose background work watches the store may instead reuse a CA it read less than
 * {@code reuse} ago, the same bound within which it sees another process's revocations. Thread-safe.
 */
final class IssuerIndex {
    private final CaStore cas;
    private final DigestCalculatorProvider digests;
    private final Map<String, String> caIdByIssuerHashes = new ConcurrentHashMap<>();
    private final Map<String, Read> recent = new ConcurrentHashMap<>();

    /** A CA as read and matched at {@code at}. */
    private record Read(CertificateAuthority ca, java.time.Instant at) {}

    IssuerIndex(CaStore cas, DigestCalculatorProvider digests) {
        this.cas = cas;
        this.digests = digests;
    }

    Optional<CertificateAuthority> issuer(CertificateID id) {
        return issuer(id, java.time.Instant.EPOCH, java.time.Duration.ZERO);
    }

    /** As {@link #issuer(CertificateID)}, reusing a CA read and matched less than {@code reuse} before {@code now}. */
    Optional<CertificateAuthority> issuer(CertificateID id, java.time.Instant now, java.time.Duration reuse) {
        String key = key(id);
        if (reuse.isPositive()) {
            Read read = recent.get(key);
            if (read != null && read.at().plus(reuse).isAfter(now) && !read.at().isAfter(now)) return Optional.of(read.ca());
        }
        Optional<CertificateAuthority> found = lookup(key, id);
        if (reuse.isPositive()) {
            if (found.isPresent()) recent.put(key, new Read(found.get(), now));
            else recent.remove(key);
        }
        return found;
    }

    private Optional<CertificateAuthority> lookup(String key, CertificateID id) {
        String known = caIdByIssuerHashes.get(key);
        if (known != null) {
            Optional<CertificateAuthority> ca = cas.find(known).filter(c -> answers(c, id));
            if (ca.isPresent()) return ca;
            caIdByIssuerHashes.remove(key, known);
        }
        for (CertificateAuthority ca : cas.list()) {
            if (answers(ca, id)) {
                caIdByIssuerHashes.put(key, ca.id());
                return Optional.of(ca);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code ca} is one that answers OCSP (it has a certificate and is not deleted) and {@code id} names it. */
    boolean answers(CertificateAuthority ca, CertificateID id) {
        return answers(ca) && matches(id, ca.certificate());
    }

    /** Whether {@code ca} answers OCSP at all: it has a certificate and is not deleted. */
    static boolean answers(CertificateAuthority ca) {
        return ca.certificate() != null && ca.status() != CaStatus.DELETED;
    }

    boolean matches(CertificateID id, X509CertificateHolder caCert) {
        try {
            return id.matchesIssuer(caCert, digests);
        } catch (OCSPException e) {
            return false; // a hash algorithm we do not know cannot name any of our CAs
        }
    }

    private static String key(CertificateID id) {
        HexFormat hex = HexFormat.of();
        return id.getHashAlgOID().getId() + "/" + hex.formatHex(id.getIssuerNameHash()) + "/" + hex.formatHex(id.getIssuerKeyHash());
    }
}
