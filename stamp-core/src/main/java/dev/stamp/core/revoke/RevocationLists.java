package dev.stamp.core.revoke;

import dev.stamp.core.StampException;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyIdentifiers;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.store.CaStore;
import dev.stamp.core.vault.KeyVault;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509CertificateHolder;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds, signs and publishes each CA's CRLs: v2, issuer = the CA's subject, signed by the CA key through the
 * key vault, with the authority key identifier (the CA's SKI) and a CRL number that only grows; thisUpdate = now,
 * nextUpdate = now + the CA's {@code crlExpirationInDays}; each entry with its reasonCode (none for unspecified).
 * A CA with {@code crlPartitioned} publishes one CRL per partition ({@link CrlPartitions}), each with a critical
 * issuing distribution point naming the URL its certificates carry in their CDP. The form a CA does not publish in
 * the background is still built when fetched, for certificates issued before its setting changed.
 *
 * <p>An entry stays on the CRLs until its certificate has expired and one more CRL has listed it: a CRL lists every
 * revocation whose certificate's notAfter is at or after the previous CRL's thisUpdate (now, for the first CRL).
 * Entries stream from the store to the encoder, so memory does not grow with their number. Thread-safe; the store
 * makes publication exclusive per CA across processes.
 */
public final class RevocationLists {
    private final CaStore cas;
    private final RevocationStore store;
    private final KeyVault vault;
    private final InstantSource clock;
    private final PublicEndpoints endpoints;

    public RevocationLists(CaStore cas, RevocationStore store, KeyVault vault, InstantSource clock, PublicEndpoints endpoints) {
        this.cas = Objects.requireNonNull(cas);
        this.store = Objects.requireNonNull(store);
        this.vault = Objects.requireNonNull(vault);
        this.clock = Objects.requireNonNull(clock);
        this.endpoints = Objects.requireNonNull(endpoints);
    }

    /**
     * The scopes a CA publishes: {@link CrlPartitions#WHOLE} alone, or partitions 0 to COUNT-1 when it partitions.
     */
    public List<Integer> scopes(String caId) {
        CertificateAuthority ca = ca(caId);
        if (!ca.revocation().crlPartitioned()) return List.of(CrlPartitions.WHOLE);
        List<Integer> all = new ArrayList<>(CrlPartitions.COUNT);
        for (int p = 0; p < CrlPartitions.COUNT; p++) all.add(p);
        return all;
    }

    /** Publishes a fresh CRL for the CA's whole scope, or for one partition ({@link CrlPartitions#WHOLE} for none). */
    public PublishedCrl publish(String caId, int partition) {
        CertificateAuthority ca = ca(caId);
        requireScope(ca, partition);
        X509CertificateHolder caCert = ca.certificate();
        if (caCert == null) {
            throw StampException.invalidState("CA " + caId + " has no certificate yet (" + ca.status() + "), so it cannot sign a CRL");
        }
        SigningAlgorithm algorithm = ca.signingAlgorithm();
        return store.publish(caId, partition, (number, previous, entries) -> {
            // The record keeps the exact build instant, so that "revoked since this CRL" is exact; the DER has seconds.
            Instant built = clock.instant();
            Instant now = built.truncatedTo(ChronoUnit.SECONDS);
            Instant nextUpdate = now.plus(Duration.ofDays(ca.revocation().crlExpirationInDays()));
            Instant cutoff = previous.filter(t -> t.isBefore(now)).orElse(now);
            try (CrlEncoder encoder = new CrlEncoder()) {
                entries.forEach(cutoff, encoder::add);
                byte[] tbs = encoder.tbs(algorithm.identifier(), caCert.getSubject(), now, nextUpdate,
                        extensions(ca, caCert, number, partition));
                byte[] signature = vault.sign(ca.keyId(), algorithm, tbs);
                byte[] der = CrlEncoder.signed(tbs, algorithm.identifier(), signature);
                return new PublishedCrl(caId, partition, number, built, nextUpdate, encoder.count(), der);
            }
        });
    }

    /**
     * The CA's current CRL for the scope: the latest one while it is still valid and no revocation came after it,
     * else a freshly published one.
     */
    public PublishedCrl current(String caId, int partition) {
        requireScope(ca(caId), partition);
        Optional<PublishedCrl> latest = store.latest(caId, partition);
        if (latest.isPresent() && isCurrent(latest.get())) return latest.get();
        return publish(caId, partition);
    }

    /** Whether {@code crl} may still be served: it has not expired and no revocation of its scope came after it. */
    public boolean isCurrent(PublishedCrl crl) {
        return clock.instant().isBefore(crl.nextUpdate()) && !store.revokedSince(crl.caId(), crl.partition(), crl.thisUpdate());
    }

    /** The last published CRL of the scope, if any. */
    public Optional<PublishedCrl> latest(String caId, int partition) {
        return store.latest(caId, partition);
    }

    private Extensions extensions(CertificateAuthority ca, X509CertificateHolder caCert, long number, int partition) {
        List<Extension> list = new ArrayList<>(3);
        list.add(new Extension(Extension.authorityKeyIdentifier, false,
                CrlEncoder.der(new AuthorityKeyIdentifier(KeyIdentifiers.ofIssuer(caCert)))));
        list.add(new Extension(Extension.cRLNumber, false, CrlEncoder.der(new ASN1Integer(number))));
        if (partition != CrlPartitions.WHOLE) {
            // Critical, as RFC 5280 5.2.5 requires: a relying party that does not understand the scope must not use it.
            var name = new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                    endpoints.crl(ca.id(), ca.revocation(), partition))));
            list.add(new Extension(Extension.issuingDistributionPoint, true,
                    CrlEncoder.der(new IssuingDistributionPoint(name, false, false, null, false, false))));
        }
        return new Extensions(list.toArray(Extension[]::new));
    }

    private CertificateAuthority ca(String caId) {
        return cas.find(caId).orElseThrow(() -> StampException.notFound("certificate authority " + caId + " does not exist"));
    }

    /**
     * Both forms are served whatever the CA's setting now: the setting only chooses the CDP of new certificates, and
     * a certificate issued before it changed still names the other form's URL. Its relying parties must keep finding
     * a CRL there (a complete CRL is valid for every certificate of the CA; a partition's lists its serials).
     */
    private static void requireScope(CertificateAuthority ca, int partition) {
        if (partition != CrlPartitions.WHOLE && (partition < 0 || partition >= CrlPartitions.COUNT)) {
            throw StampException.invalidArgument("CA " + ca.id() + " has CRL partitions 0 to " + (CrlPartitions.COUNT - 1)
                    + " and a complete CRL, not partition " + partition);
        }
    }
}
