package dev.stamp.core.revoke;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevocationListsTest {
    final TestPki t = new TestPki();
    final CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);

    IssuedCertificate leaf(CertificateAuthority ca, Validity validity) {
        return t.pki.issuance().issue(IssueRequest.of(ca.id(), Csrs.csr(Csrs.p256(), "CN=leaf.example.net", "leaf.example.net"),
                null, validity));
    }

    static X509CRL jdk(PublishedCrl crl) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.der()));
    }

    static long crlNumber(PublishedCrl crl) throws Exception {
        X509CRLHolder h = new X509CRLHolder(crl.der());
        return ASN1Integer.getInstance(h.getExtension(Extension.cRLNumber).getParsedValue()).longValueExact();
    }

    @Test
    void crlIsAVersion2CrlSignedByTheCaWithAkiNumberTimesAndReasons() throws Exception {
        Map<BigInteger, RevocationReason> revoked = new HashMap<>();
        for (RevocationReason reason : RevocationReason.values()) {
            BigInteger serial = leaf(root, Validity.days(30)).record().serial();
            t.pki.revocations().revoke(root.id(), serial, reason, "test");
            revoked.put(serial, reason);
        }
        BigInteger kept = leaf(root, Validity.days(30)).record().serial();
        t.clock.advance(Duration.ofSeconds(5));

        PublishedCrl published = t.pki.crls().publish(root.id(), CrlPartitions.WHOLE);

        X509CRL crl = jdk(published);
        var caCert = new JcaX509CertificateConverter().getCertificate(root.certificate());
        crl.verify(caCert.getPublicKey());
        assertThat(crl.getVersion()).isEqualTo(2);
        assertThat(crl.getIssuerX500Principal()).isEqualTo(caCert.getSubjectX500Principal());
        Instant now = t.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        assertThat(crl.getThisUpdate().toInstant()).isEqualTo(now);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(now.plus(Duration.ofDays(RevocationConfiguration.DEFAULT_CRL_DAYS)));
        assertThat(crl.getSigAlgName()).isEqualTo("SHA256withECDSA");

        X509CRLHolder holder = new X509CRLHolder(published.der());
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(holder.getExtensions());
        assertThat(aki.getKeyIdentifier()).isEqualTo(SubjectKeyIdentifier.fromExtensions(root.certificate().getExtensions()).getKeyIdentifier());
        assertThat(crlNumber(published)).isEqualTo(1).isEqualTo(published.number());
        assertThat(holder.getExtension(Extension.issuingDistributionPoint)).isNull();

        assertThat(crl.getRevokedCertificates()).hasSize(revoked.size());
        assertThat(published.entries()).isEqualTo(revoked.size());
        assertThat(crl.getRevokedCertificate(kept)).isNull();
        for (var e : revoked.entrySet()) {
            X509CRLEntry entry = crl.getRevokedCertificate(e.getKey());
            assertThat(entry).as("entry for %s", e.getValue()).isNotNull();
            assertThat(entry.getRevocationDate().toInstant()).isEqualTo(now.minusSeconds(5));
            byte[] reasonExt = entry.getExtensionValue(Extension.reasonCode.getId());
            if (e.getValue() == RevocationReason.UNSPECIFIED) {
                assertThat(reasonExt).as("RFC 5280: no reasonCode for unspecified").isNull();
            } else {
                assertThat(entry.getRevocationReason().ordinal()).isEqualTo(e.getValue().code());
                var holderEntry = holder.getRevokedCertificate(e.getKey());
                assertThat(ASN1Enumerated.getInstance(holderEntry.getExtensions().getExtension(Extension.reasonCode).getParsedValue())
                        .intValueExact()).isEqualTo(e.getValue().code());
            }
        }
    }

    @Test
    void anEmptyCrlHasNoRevokedCertificatesAndStillVerifies() throws Exception {
        PublishedCrl published = t.pki.crls().publish(root.id(), CrlPartitions.WHOLE);
        X509CRL crl = jdk(published);
        crl.verify(new JcaX509CertificateConverter().getCertificate(root.certificate()).getPublicKey());
        assertThat(crl.getRevokedCertificates()).isNull();
    }

    @Test
    void crlNumbersOnlyGrowAndCurrentReusesTheLatestUntilARevocationOrExpiry() throws Exception {
        PublishedCrl first = t.pki.crls().current(root.id(), CrlPartitions.WHOLE);
        t.clock.advance(Duration.ofMinutes(1));
        assertThat(t.pki.crls().current(root.id(), CrlPartitions.WHOLE).number()).isEqualTo(first.number());

        t.pki.revocations().revoke(root.id(), leaf(root, Validity.days(30)).record().serial(), RevocationReason.SUPERSEDED, "t");
        PublishedCrl second = t.pki.crls().current(root.id(), CrlPartitions.WHOLE);
        assertThat(second.number()).isEqualTo(first.number() + 1);
        assertThat(jdk(second).getRevokedCertificates()).hasSize(1);

        t.clock.advance(Duration.ofDays(RevocationConfiguration.DEFAULT_CRL_DAYS));
        PublishedCrl third = t.pki.crls().current(root.id(), CrlPartitions.WHOLE);
        assertThat(third.number()).isEqualTo(second.number() + 1);
        assertThat(crlNumber(third)).isEqualTo(3);
        assertThat(t.pki.crls().publish(root.id(), CrlPartitions.WHOLE).number()).isEqualTo(4);
    }

    @Test
    void anExpiredCertificatesEntryStaysForOneMoreCrlThenGoes() throws Exception {
        BigInteger shortLived = leaf(root, Validity.days(2)).record().serial();
        BigInteger longLived = leaf(root, Validity.days(300)).record().serial();
        t.pki.revocations().revoke(root.id(), shortLived, RevocationReason.KEY_COMPROMISE, "t");
        t.pki.revocations().revoke(root.id(), longLived, RevocationReason.KEY_COMPROMISE, "t");

        t.clock.advance(Duration.ofDays(1));
        assertThat(serials(t.pki.crls().publish(root.id(), CrlPartitions.WHOLE))).containsExactlyInAnyOrder(shortLived, longLived);
        t.clock.advance(Duration.ofDays(2)); // the short-lived certificate has expired since the last CRL
        assertThat(serials(t.pki.crls().publish(root.id(), CrlPartitions.WHOLE)))
                .as("one more CRL after expiry").containsExactlyInAnyOrder(shortLived, longLived);
        t.clock.advance(Duration.ofHours(1));
        assertThat(serials(t.pki.crls().publish(root.id(), CrlPartitions.WHOLE))).containsExactly(longLived);
    }

    @Test
    void partitionedCrlHasACriticalIdpEqualToTheCdpOfItsCertificates() throws Exception {
        CertificateAuthority ca = t.pki.authorities().updateRevocation(root.id(),
                new RevocationConfiguration(true, 3, null, false, true, false, null), "test");
        IssuedCertificate leaf = leaf(ca, Validity.days(30));
        IssuedCertificate other = leaf(ca, Validity.days(30));
        int partition = CrlPartitions.of(leaf.record().serial());
        t.pki.revocations().revoke(ca.id(), leaf.record().serial(), RevocationReason.KEY_COMPROMISE, "t");
        t.pki.revocations().revoke(ca.id(), other.record().serial(), RevocationReason.KEY_COMPROMISE, "t");

        PublishedCrl published = t.pki.crls().publish(ca.id(), partition);

        X509CRLHolder holder = new X509CRLHolder(published.der());
        Extension idp = holder.getExtension(Extension.issuingDistributionPoint);
        assertThat(idp.isCritical()).isTrue();
        String idpUrl = GeneralNames.getInstance(IssuingDistributionPoint.getInstance(idp.getParsedValue())
                .getDistributionPoint().getName()).getNames()[0].getName().toString();
        var cdp = CRLDistPoint.fromExtensions(leaf.certificate().getExtensions()).getDistributionPoints()[0];
        String cdpUrl = GeneralNames.getInstance(cdp.getDistributionPoint().getName()).getNames()[0].getName().toString();
        assertThat(idpUrl).isEqualTo(cdpUrl).isEqualTo("http://pki.test/crl/" + ca.id() + "/" + partition + ".crl");
        assertThat(jdk(published).getNextUpdate().toInstant()).isEqualTo(published.thisUpdate().plus(Duration.ofDays(3)));
        boolean samePartitionAsOther = CrlPartitions.of(other.record().serial()) == partition;
        assertThat(serials(published)).contains(leaf.record().serial()).hasSize(samePartitionAsOther ? 2 : 1);
        jdk(published).verify(new JcaX509CertificateConverter().getCertificate(ca.certificate()).getPublicKey());

        for (int outside : new int[] {CrlPartitions.COUNT, -2}) {
            assertThatThrownBy(() -> t.pki.crls().publish(ca.id(), outside))
                    .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("partition " + outside);
        }
        assertThat(t.pki.crls().scopes(ca.id())).hasSize(CrlPartitions.COUNT);
    }

    @Test
    void afterPartitioningIsSwitchedEveryCertificateStillFindsACrlAtItsCdp() throws Exception {
        CertificateAuthority whole = t.pki.authorities().updateRevocation(root.id(),
                new RevocationConfiguration(true, 3, null, false, false, false, null), "test");
        IssuedCertificate before = leaf(whole, Validity.days(30));
        CertificateAuthority partitioned = t.pki.authorities().updateRevocation(root.id(),
                new RevocationConfiguration(true, 3, null, false, true, false, null), "test");
        IssuedCertificate after = leaf(partitioned, Validity.days(30));
        t.pki.revocations().revoke(root.id(), before.record().serial(), RevocationReason.SUPERSEDED, "t");
        t.pki.revocations().revoke(root.id(), after.record().serial(), RevocationReason.KEY_COMPROMISE, "t");
        int partition = CrlPartitions.of(after.record().serial());
        var caKey = new JcaX509CertificateConverter().getCertificate(root.certificate()).getPublicKey();

        // The certificate from before names the complete CRL; it is still served, without a scope, listing both.
        assertThat(cdp(before)).isEqualTo("http://pki.test/crl/" + root.id() + ".crl");
        PublishedCrl complete = t.pki.crls().current(root.id(), CrlPartitions.WHOLE);
        assertThat(new X509CRLHolder(complete.der()).getExtension(Extension.issuingDistributionPoint)).isNull();
        assertThat(serials(complete)).containsExactlyInAnyOrder(before.record().serial(), after.record().serial());
        jdk(complete).verify(caKey);

        // Partitioning switched off again: the certificate from while it was on still finds its partition's CRL.
        t.pki.authorities().updateRevocation(root.id(), new RevocationConfiguration(true, 3, null, false, false, false, null), "test");
        assertThat(t.pki.crls().scopes(root.id())).containsExactly(CrlPartitions.WHOLE);
        PublishedCrl own = t.pki.crls().current(root.id(), partition);
        assertThat(cdp(after)).isEqualTo("http://pki.test/crl/" + root.id() + "/" + partition + ".crl").isEqualTo(idp(own));
        assertThat(serials(own)).contains(after.record().serial());
        jdk(own).verify(caKey);
    }

    static String cdp(IssuedCertificate certificate) {
        var point = CRLDistPoint.fromExtensions(certificate.certificate().getExtensions()).getDistributionPoints()[0];
        return GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()[0].getName().toString();
    }

    static String idp(PublishedCrl crl) throws Exception {
        Extension idp = new X509CRLHolder(crl.der()).getExtension(Extension.issuingDistributionPoint);
        assertThat(idp.isCritical()).isTrue();
        return GeneralNames.getInstance(IssuingDistributionPoint.getInstance(idp.getParsedValue())
                .getDistributionPoint().getName()).getNames()[0].getName().toString();
    }

    @Test
    void aCaWithoutCertificateCannotSignACrl() {
        var pending = t.pki.authorities().create(dev.stamp.core.ca.CreateCaRequest.of(dev.stamp.core.ca.CaType.ROOT, "CN=Pending",
                KeyAlgorithm.EC_prime256v1), "t");
        assertThatThrownBy(() -> t.pki.crls().publish(pending.id(), CrlPartitions.WHOLE))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    static java.util.List<BigInteger> serials(PublishedCrl crl) throws Exception {
        var entries = jdk(crl).getRevokedCertificates();
        return entries == null ? java.util.List.of() : entries.stream().map(X509CRLEntry::getSerialNumber).toList();
    }
}
