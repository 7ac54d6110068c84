package dev.stamp.core.issue;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IssuanceTest {
    final TestPki t = new TestPki();

    @Test
    void leafFromTwoLevelHierarchyCarriesTheEndEntityProfileAndVerifiesUpToTheRoot() throws Exception {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_secp384r1);
        CertificateAuthority sub = t.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        KeyPair keys = Csrs.p256();

        IssuedCertificate issued = t.pki.issuance().issue(IssueRequest.of(sub.id(),
                Csrs.csr(keys, "CN=app.private.example.net", "app.private.example.net"), null, Validity.days(90)));

        X509CertificateHolder c = issued.certificate();
        assertThat(c.getSubject().toString()).isEqualTo("CN=app.private.example.net");
        assertThat(c.getIssuer()).isEqualTo(sub.certificate().getSubject());
        Instant now = t.clock.instant();
        assertThat(c.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofMinutes(60)));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(90)));
        assertThat(c.getSerialNumber().signum()).isPositive();
        assertThat(c.getSerialNumber().bitLength()).isGreaterThan(64);

        var bc = c.getExtension(Extension.basicConstraints);
        assertThat(BasicConstraints.getInstance(bc.getParsedValue()).isCA()).isFalse();
        var ku = c.getExtension(Extension.keyUsage);
        assertThat(ku.isCritical()).isTrue();
        assertThat(KeyUsage.getInstance(ku.getParsedValue()).hasUsages(KeyUsage.digitalSignature)).isTrue();
        assertThat(KeyUsage.getInstance(ku.getParsedValue()).hasUsages(KeyUsage.keyEncipherment))
                .as("RFC 8813: an EC key cannot encipher").isFalse();
        assertThat(ExtendedKeyUsage.fromExtensions(c.getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertThat(GeneralNames.fromExtensions(c.getExtensions(), Extension.subjectAlternativeName).getNames())
                .containsExactly(new GeneralName(GeneralName.dNSName, "app.private.example.net"));
        assertThat(AuthorityKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifier())
                .isEqualTo(SubjectKeyIdentifier.fromExtensions(sub.certificate().getExtensions()).getKeyIdentifier());
        assertThat(c.getExtension(Extension.cRLDistributionPoints)).as("CRL is off by default, as on AWS").isNull();

        assertThat(issued.chain()).containsExactly(sub.certificate(), root.certificate());
        var cf = new JcaX509CertificateConverter();
        cf.getCertificate(c).verify(cf.getCertificate(sub.certificate()).getPublicKey());
        cf.getCertificate(sub.certificate()).verify(cf.getCertificate(root.certificate()).getPublicKey());
        assertThat(t.stores.certificates().find(sub.id(), c.getSerialNumber()).orElseThrow().state()).isEqualTo(CertificateState.ISSUED);
    }

    @Test
    void theNamesRecordedForListingsAreThoseOfTheSignedCertificate() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_secp384r1);
        CertificateAuthority sub = t.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");

        IssuedCertificate issued = t.pki.issuance().issue(IssueRequest.of(sub.id(),
                Csrs.csr(Csrs.p256(), "CN=App.Private.Example.Net,O=Example", "app.private.example.net", "WWW.Example.Net"), null, Validity.days(90)));

        String recorded = ((dev.stamp.core.testing.InMemoryStores) t.stores.certificates()).names(sub.id(), issued.record().serial());
        assertThat(recorded).isEqualTo(dev.stamp.core.store.CertificateNames.of(issued.record().der()))
                .isEqualTo("app.private.example.net\nwww.example.net");
    }

    @Test
    void rsaLeafKeepsKeyEnciphermentOfTheEndEntityTemplate() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        X509CertificateHolder c = t.pki.issuance().issue(IssueRequest.of(root.id(),
                Csrs.csr(Csrs.rsa(2048), "CN=rsa", "rsa.example.net"), null, Validity.days(1))).certificate();
        assertThat(KeyUsage.fromExtensions(c.getExtensions()).hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)).isTrue();
    }

    @Test
    void keyEnciphermentRequestedInAnEcCsrIsDroppedNotRefused() throws Exception {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        var extra = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
        extra.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        X509CertificateHolder c = t.pki.issuance().issue(new IssueRequest(root.id(), Csrs.csr(Csrs.p256(), "CN=cm", extra, "cm.example.net"),
                null, Template.named("BlankEndEntityCertificate_APICSRPassthrough/V1"), Validity.days(1), null, null, null, "test")).certificate();
        KeyUsage ku = KeyUsage.fromExtensions(c.getExtensions());
        assertThat(ku.hasUsages(KeyUsage.digitalSignature)).isTrue();
        assertThat(ku.hasUsages(KeyUsage.keyEncipherment)).isFalse();
    }

    @Test
    void rootSignsItsOwnCertificateWithTheRootTemplateAndNoAuthorityKeyIdentifier() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        X509CertificateHolder c = root.certificate();
        assertThat(c.getIssuer()).isEqualTo(c.getSubject());
        BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
        assertThat(bc.isCA()).isTrue();
        assertThat(bc.getPathLenConstraint()).isNull();
        assertThat(c.getExtension(Extension.basicConstraints).isCritical()).isTrue();
        assertThat(KeyUsage.fromExtensions(c.getExtensions()).hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)).isTrue();
        assertThat(c.getExtension(Extension.authorityKeyIdentifier)).isNull();
        assertThat(c.getExtension(Extension.extendedKeyUsage)).isNull();
    }

    @Test
    void revocationConfigurationPutsCrlDistributionPointAndAuthorityInformationAccessIntoLeaves() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        CertificateAuthority sub = t.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        t.pki.authorities().updateRevocation(sub.id(), RevocationConfiguration.crlAndOcsp(), "test");

        X509CertificateHolder c = t.pki.issuance().issue(IssueRequest.of(sub.id(),
                Csrs.csr(Csrs.p256(), "CN=svc", "svc.example.net"), null, Validity.days(30))).certificate();

        var cdp = CRLDistPoint.getInstance(c.getExtension(Extension.cRLDistributionPoints).getParsedValue());
        assertThat(cdp.getDistributionPoints()[0].getDistributionPoint().getName().toString())
                .contains("http://pki.test/crl/" + sub.id() + ".crl");
        var aia = AuthorityInformationAccess.fromExtensions(c.getExtensions());
        assertThat(aia.getAccessDescriptions()).extracting(AccessDescription::getAccessMethod)
                .containsExactly(AccessDescription.id_ad_ocsp, AccessDescription.id_ad_caIssuers);
        assertThat(aia.getAccessDescriptions()[0].getAccessLocation().getName().toString()).isEqualTo("http://pki.test/ocsp");
    }

    @Test
    void sameIdempotencyTokenWithinFiveMinutesReturnsTheFirstCertificateAndAfterwardsANewOne() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        byte[] csr = Csrs.csr(Csrs.p256(), "CN=idem", "idem.example.net");
        IssueRequest request = new IssueRequest(root.id(), csr, null, Template.named("EndEntityCertificate/V1"), Validity.days(1),
                null, null, "token-1", "test");

        IssuedCertificate first = t.pki.issuance().issue(request);
        t.clock.advance(Duration.ofMinutes(4));
        IssuedCertificate again = t.pki.issuance().issue(request);
        t.clock.advance(Duration.ofMinutes(2));
        IssuedCertificate later = t.pki.issuance().issue(request);

        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(later.certificate().getSerialNumber()).isNotEqualTo(first.certificate().getSerialNumber());
        assertThat(t.stores.certificates().count(root.id())).isEqualTo(3); // the root's own certificate and two leaves
    }

    @Test
    void apiPassthroughTemplateTakesSubjectSansAndExtendedKeyUsageFromTheApi() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        var api = new ApiPassthrough(new org.bouncycastle.asn1.x500.X500Name("CN=from-api,O=API"),
                List.of(new GeneralName(GeneralName.dNSName, "api.example.net")), org.bouncycastle.asn1.x509.KeyUsage.digitalSignature,
                List.of(KeyPurposeId.id_kp_clientAuth), null, null);
        var request = new IssueRequest(root.id(), Csrs.csr(Csrs.p256(), "CN=from-csr", "csr.example.net"), null,
                Template.named("BlankEndEntityCertificate_APIPassthrough/V1"), Validity.days(1), null, api, null, "test");

        X509CertificateHolder c = t.pki.issuance().issue(request).certificate();

        assertThat(c.getSubject().toString()).isEqualTo("CN=from-api,O=API");
        assertThat(GeneralNames.fromExtensions(c.getExtensions(), Extension.subjectAlternativeName).getNames())
                .containsExactly(new GeneralName(GeneralName.dNSName, "api.example.net"));
        assertThat(ExtendedKeyUsage.fromExtensions(c.getExtensions()).getUsages()).containsExactly(KeyPurposeId.id_kp_clientAuth);
        assertThat(KeyUsage.fromExtensions(c.getExtensions()).hasUsages(KeyUsage.keyEncipherment)).isFalse();
    }

    @Test
    void baseTemplateIgnoresApiPassthroughAndCsrExtensionsButKeepsCsrSans() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        var extra = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
        try {
            extra.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        var api = new ApiPassthrough(new org.bouncycastle.asn1.x500.X500Name("CN=from-api"), null, null, null, null, null);
        var request = new IssueRequest(root.id(), Csrs.csr(Csrs.p256(), "CN=from-csr", extra, "csr.example.net"), null,
                Template.named("EndEntityServerAuthCertificate/V1"), Validity.days(1), null, api, null, "test");

        X509CertificateHolder c = t.pki.issuance().issue(request).certificate();

        assertThat(c.getSubject().toString()).isEqualTo("CN=from-csr");
        assertThat(ExtendedKeyUsage.fromExtensions(c.getExtensions()).getUsages()).containsExactly(KeyPurposeId.id_kp_serverAuth);
    }

    @Test
    void csrPassthroughCopiesRequestedKeyUsageIntoBlankTemplate() throws Exception {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        var extra = new org.bouncycastle.asn1.x509.ExtensionsGenerator();
        extra.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        var request = new IssueRequest(root.id(), Csrs.csr(Csrs.p256(), "CN=ka", extra, "ka.example.net"), null,
                Template.named("BlankEndEntityCertificate_CSRPassthrough/V1"), Validity.days(1), null, null, null, "test");

        X509CertificateHolder c = t.pki.issuance().issue(request).certificate();

        assertThat(KeyUsage.fromExtensions(c.getExtensions()).hasUsages(KeyUsage.keyAgreement)).isTrue();
        assertThat(c.getExtension(Extension.extendedKeyUsage)).isNull();
    }

    @Test
    void certificateWithEmptySubjectGetsCriticalSubjectAlternativeName() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        X509CertificateHolder c = t.pki.issuance().issue(IssueRequest.of(root.id(),
                Csrs.csr(Csrs.p256(), "", "nosubject.example.net"), null, Validity.days(1))).certificate();
        assertThat(c.getSubject().getRDNs()).isEmpty();
        assertThat(c.getExtension(Extension.subjectAlternativeName).isCritical()).isTrue();
    }
}
