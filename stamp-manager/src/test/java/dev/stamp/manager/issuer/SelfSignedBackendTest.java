package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.KeyIdentifiers;
import dev.stamp.core.testing.Csrs;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.KeyUsage;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.stamp.manager.issuer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class SelfSignedBackendTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    static final IssuerBackends BACKENDS = backends(fixed(NOW));
    static final Issuer ISSUER = issuer(IssuerKind.ClusterIssuer, "", "selfsigned",
            new IssuerConfig.SelfSigned(List.of("http://crl.example.net/root.crl")));
    static final KeyPair KEYS = Csrs.p256();

    @AfterAll
    static void close() {
        BACKENDS.close();
    }

    private static SignOutcome sign(CertificateRequest request, Optional<java.security.PrivateKey> key) {
        return BACKENDS.backend(ISSUER).sign(new SignRequest(request, ISSUER, key, new Secrets(), NOW));
    }

    @Test
    void theSelfSignedIssuerIsAlwaysReady() {
        IssuerCheck check = BACKENDS.backend(ISSUER).check(ISSUER, new Secrets());
        assertThat(check).isEqualTo(IssuerCheck.ready("IsReady", ""));
    }

    @Test
    void signsTheCsrWithTheRequestsOwnKeyTakingNamesFromTheCsrAndUsagesFromTheRequest(@TempDir Path dir) throws Exception {
        CertificateRequest request = request("apps", "app-1", csrWithEveryName(KEYS, "CN=app.private.example.net,O=Example"),
                Duration.ofHours(2160), false, KeyUsage.DIGITAL_SIGNATURE, KeyUsage.SERVER_AUTH, KeyUsage.CLIENT_AUTH);
        SignOutcome outcome = sign(request, Optional.of(KEYS.getPrivate()));

        assertThat(outcome).isInstanceOf(SignOutcome.Issued.class);
        SignOutcome.Issued issued = (SignOutcome.Issued) outcome;
        assertThat(issued.caPem()).isEqualTo(issued.chainPem());
        List<X509CertificateHolder> chain = certificates(issued.chainPem());
        assertThat(chain).hasSize(1);
        X509CertificateHolder c = chain.getFirst();
        assertThat(c.getSubject().toString()).isEqualTo("CN=app.private.example.net,O=Example");
        assertThat(c.getIssuer()).isEqualTo(c.getSubject());
        assertThat(c.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().build(KEYS.getPublic()))).isTrue();
        assertThat(c.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256
        assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(2160)));
        assertThat(c.getSerialNumber().signum()).isPositive();
        assertThat(c.getSerialNumber().bitLength()).isGreaterThan(64);

        GeneralName[] sans = GeneralNames.fromExtensions(c.getExtensions(), Extension.subjectAlternativeName).getNames();
        assertThat(Arrays.stream(sans).map(n -> n.getTagNo() + "=" + n.getName())).containsExactly(
                "2=app.private.example.net", "7=#0a000007", "6=spiffe://example.net/app", "1=ops@example.net");
        assertThat(c.getExtension(Extension.subjectAlternativeName).isCritical()).isFalse();

        var java = Fixtures.java(c);
        assertThat(java.getKeyUsage()).startsWith(true, false, false); // digital signature only: an EC key enciphers nothing
        assertThat(java.getKeyUsage()).containsOnlyOnce(true);
        assertThat(c.getExtension(Extension.keyUsage).isCritical()).isTrue();
        assertThat(ExtendedKeyUsage.fromExtensions(c.getExtensions()).getUsages())
                .containsExactly(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertThat(BasicConstraints.fromExtensions(c.getExtensions()).isCA()).isFalse();
        byte[] ski = SubjectKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifier();
        assertThat(ski).isEqualTo(KeyIdentifiers.of(c.getSubjectPublicKeyInfo()));
        assertThat(AuthorityKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifierOctets()).isEqualTo(ski);
        CRLDistPoint crl = CRLDistPoint.getInstance(c.getExtension(Extension.cRLDistributionPoints).getParsedValue());
        assertThat(crl.getDistributionPoints()[0].getDistributionPoint().getName().toString()).contains("http://crl.example.net/root.crl");

        assertThat(opensslVerify(dir, issued.chainPem(), issued.caPem(), NOW.plusSeconds(60))).isEqualTo("0: leaf.pem: OK");
    }

    @Test
    void aCaRequestGetsBasicConstraintsCaAndCertSignAndDefaultUsagesWhenItNamesNone() {
        SignOutcome outcome = sign(request("apps", "root-1", csrPem(KEYS, "CN=Example Root"), Duration.ofDays(3650), true),
                Optional.of(KEYS.getPrivate()));

        X509CertificateHolder c = certificates(((SignOutcome.Issued) outcome).chainPem()).getFirst();
        assertThat(BasicConstraints.fromExtensions(c.getExtensions()).isCA()).isTrue();
        assertThat(c.getExtension(Extension.basicConstraints).isCritical()).isTrue();
        boolean[] ku = Fixtures.java(c).getKeyUsage();
        assertThat(ku[0]).as("digitalSignature").isTrue();
        assertThat(ku[5]).as("keyCertSign").isTrue();
        assertThat(c.getExtension(Extension.extendedKeyUsage)).isNull();
    }

    @Test
    void anRsaKeyKeepsKeyEnciphermentAndSignsWithSha256WithRsa() {
        KeyPair rsa = Csrs.rsa(2048);
        SignOutcome outcome = sign(request("apps", "rsa-1", csrPem(rsa, "CN=rsa.example.net", "rsa.example.net"), Duration.ofHours(1), false),
                Optional.of(rsa.getPrivate()));

        X509CertificateHolder c = certificates(((SignOutcome.Issued) outcome).chainPem()).getFirst();
        boolean[] ku = Fixtures.java(c).getKeyUsage();
        assertThat(ku[0]).as("digitalSignature").isTrue();
        assertThat(ku[2]).as("keyEncipherment").isTrue();
        assertThat(c.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.11"); // sha256WithRSAEncryption
    }

    @Test
    void withoutTheRequestsPrivateKeyTheRequestFails() {
        SignOutcome outcome = sign(request("apps", "app-2", csrPem(KEYS, "CN=a.example.net", "a.example.net"), Duration.ofHours(1), false),
                Optional.empty());
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("MissingAnnotation");
            assertThat(f.message()).contains("cert-manager.io/private-key-secret-name");
        });
    }

    @Test
    void aPrivateKeyThatDidNotMakeTheCsrIsRefused() {
        SignOutcome outcome = sign(request("apps", "app-3", csrPem(KEYS, "CN=a.example.net", "a.example.net"), Duration.ofHours(1), false),
                Optional.of(Csrs.p256().getPrivate()));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> assertThat(f.reason()).isEqualTo("ErrorKeyMatch"));
    }

    @Test
    void aCsrWhoseSignatureDoesNotVerifyIsRefusedBeforeAnythingIsSigned() throws Exception {
        String pem = csrPem(KEYS, "CN=a.example.net", "a.example.net");
        byte[] der = dev.stamp.core.crypto.Pem.csr(pem.getBytes()).getEncoded();
        der[der.length - 5] ^= 0x01; // inside the signature
        String tampered = dev.stamp.core.crypto.Pem.encode("CERTIFICATE REQUEST", der);
        SignOutcome outcome = sign(request("apps", "app-4", tampered, Duration.ofHours(1), false), Optional.of(KEYS.getPrivate()));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("SigningError");
            assertThat(f.message()).contains("signature does not verify");
        });
    }

    @Test
    void aRequestThatIsNotACsrFailsNamingTheField() {
        SignOutcome outcome = sign(request("apps", "app-5", "not a csr", Duration.ofHours(1), false), Optional.of(KEYS.getPrivate()));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> assertThat(f.message()).contains("spec.request"));
    }
}
