package dev.stamp.core.issue;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.ca.UsageMode;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each refused request gets its error code, a message naming the value, and leaves nothing stored. */
class IssuancePolicyTest {

    /** A case builds whatever hierarchy it needs and returns the request to refuse. */
    record Case(String name, Function<TestPki, IssueRequest> request, ErrorCode code, String messagePart) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                new Case("CSR whose signature does not verify", t -> leafRequest(t, root(t), tamperedCsr()), ErrorCode.MALFORMED_CSR, "signature"),
                new Case("CSR whose signature has padding bits", t -> leafRequest(t, root(t), paddedSignatureCsr()),
                        ErrorCode.MALFORMED_CSR, "malformed"),
                new Case("RSA-1024 key", t -> leafRequest(t, root(t), Csrs.csr(Csrs.rsa(1024), "CN=weak", "weak.example.net")),
                        ErrorCode.POLICY_VIOLATION, "1024 bits"),
                new Case("unsupported curve secp256k1", t -> leafRequest(t, root(t), Csrs.csr(k1(), "CN=k1", "k1.example.net")),
                        ErrorCode.POLICY_VIOLATION, "1.3.132.0.10"),
                new Case("neither subject nor SAN", t -> leafRequest(t, root(t), Csrs.csr(Csrs.p256(), "")),
                        ErrorCode.MALFORMED_CSR, "neither a subject nor"),
                new Case("validity past the issuer", t -> IssueRequest.of(root(t).id(), csr(), null, Validity.years(11)),
                        ErrorCode.POLICY_VIOLATION, "after the issuing CA's certificate expires"),
                new Case("path length exceeded", t -> IssueRequest.of(t.subordinate(root(t), KeyAlgorithm.EC_prime256v1,
                        "SubordinateCACertificate_PathLen0/V1").id(), caCsr(t), Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(1)),
                        ErrorCode.POLICY_VIOLATION, "path length exceeded"),
                new Case("a sixth level", t -> IssueRequest.of(fiveLevels(t).id(), caCsr(t), Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(1)),
                        ErrorCode.POLICY_VIOLATION, "level 6"),
                new Case("signing algorithm that does not fit the CA key", t -> new IssueRequest(root(t).id(), csr(), SigningAlgorithm.SHA256WITHRSA,
                        null, Validity.days(1), null, null, null, "test"), ErrorCode.INVALID_ARGUMENT, "SHA256WITHECDSA, SHA384WITHECDSA, SHA512WITHECDSA"),
                new Case("short-lived CA asked for 8 days", t -> IssueRequest.of(shortLived(t).id(), csr(), null, Validity.days(8)),
                        ErrorCode.POLICY_VIOLATION, "at most 7 days"),
                new Case("issuing from a DISABLED CA", t -> {
                    CertificateAuthority ca = root(t);
                    t.pki.authorities().setStatus(ca.id(), CaStatus.DISABLED, "test");
                    return IssueRequest.of(ca.id(), csr(), null, Validity.days(1));
                }, ErrorCode.INVALID_STATE, "DISABLED"),
                new Case("issuing from a PENDING_CERTIFICATE CA", t -> IssueRequest.of(t.pki.authorities().create(
                        CreateCaRequest.of(CaType.SUBORDINATE, "CN=Pending", KeyAlgorithm.EC_prime256v1), "test").id(), csr(), null, Validity.days(1)),
                        ErrorCode.INVALID_STATE, "PENDING_CERTIFICATE"),
                new Case("root template for a leaf", t -> IssueRequest.of(root(t).id(), csr(), Template.named("RootCACertificate/V1"), Validity.days(1)),
                        ErrorCode.POLICY_VIOLATION, "RootCACertificate/V1"),
                new Case("DNS SAN outside the issuer's name constraints", t -> leafRequest(t, constrained(t),
                        Csrs.csr(Csrs.p256(), "CN=app.private.example.net", "evil.example.com")), ErrorCode.POLICY_VIOLATION, "DNS name evil.example.com"),
                new Case("host-name CN outside the issuer's name constraints and no DNS SAN", t -> leafRequest(t, constrained(t),
                        Csrs.csr(Csrs.p256(), "CN=evil.example.com,O=Stamp")), ErrorCode.POLICY_VIOLATION, "subject CN 'evil.example.com'"),
                new Case("IP-literal CN outside the issuer's name constraints and no IP SAN", t -> leafRequest(t, constrained(t),
                        Csrs.csr(Csrs.p256(), "CN=192.0.2.7", "app.private.example.net")), ErrorCode.POLICY_VIOLATION, "subject CN '192.0.2.7'"),
                new Case("malformed DNS name", t -> leafRequest(t, root(t), Csrs.csr(Csrs.p256(), "CN=x", "bad_name.example.net")),
                        ErrorCode.POLICY_VIOLATION, "bad_name.example.net")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAndStoresNothing(Case c) {
        refusesAndStoresNothing(c, new TestPki());
    }

    /** The same check over any stores: stamp-cli's SqlitePolicyIT runs every case over a real SQLite database. */
    static void refusesAndStoresNothing(Case c, TestPki t) {
        IssueRequest request = c.request().apply(t);
        long certificatesBefore = t.stores.certificates().count(null);
        long auditBefore = t.stores.audit().entries().size();

        assertThatThrownBy(() -> t.pki.issuance().issue(request))
                .isInstanceOf(StampException.class)
                .hasMessageContaining(c.messagePart())
                .extracting(e -> ((StampException) e).code()).isEqualTo(c.code());

        assertThat(t.stores.certificates().count(null)).isEqualTo(certificatesBefore);
        assertThat(t.stores.audit().entries()).hasSize((int) auditBefore);
    }

    private static CertificateAuthority root(TestPki t) {
        return t.root(KeyAlgorithm.EC_prime256v1);
    }

    private static IssueRequest leafRequest(TestPki t, CertificateAuthority ca, byte[] csr) {
        return IssueRequest.of(ca.id(), csr, null, Validity.days(30));
    }

    private static byte[] csr() {
        return Csrs.csr(Csrs.p256(), "CN=leaf", "leaf.example.net");
    }

    private static byte[] caCsr(TestPki t) {
        return Csrs.csr(Csrs.p256(), "CN=Would-be CA");
    }

    private static byte[] tamperedCsr() {
        byte[] der = csr();
        der[der.length - 5] ^= 0x01; // inside the signature value
        return der;
    }

    /** A signature BIT STRING that is not octet-aligned: Bouncy Castle decodes the CSR but refuses the signature later. */
    private static byte[] paddedSignatureCsr() {
        try {
            var parsed = new org.bouncycastle.pkcs.PKCS10CertificationRequest(csr()).toASN1Structure();
            return new org.bouncycastle.asn1.pkcs.CertificationRequest(parsed.getCertificationRequestInfo(), parsed.getSignatureAlgorithm(),
                    new org.bouncycastle.asn1.DERBitString(parsed.getSignature().getOctets(), 1)).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.security.KeyPair k1() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
            g.initialize(new ECGenParameterSpec("secp256k1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateAuthority fiveLevels(TestPki t) {
        CertificateAuthority ca = root(t);
        for (int pathLen = 3; pathLen >= 0; pathLen--) {
            ca = t.subordinate(ca, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen" + pathLen + "/V1");
        }
        assertThat(ca.depth()).isEqualTo(5);
        return ca;
    }

    /**
     * A subordinate whose certificate permits only DNS names under .private.example.net and IP addresses in 10.0.0.0/8,
     * made the external way: create, root signs through an APIPassthrough template adding the extension, import.
     */
    private static CertificateAuthority constrained(TestPki t) {
        CertificateAuthority root = root(t);
        CertificateAuthority pending = t.pki.authorities().create(CreateCaRequest.of(CaType.SUBORDINATE, "CN=Constrained", KeyAlgorithm.EC_prime256v1), "test");
        try {
            byte[] nc = new NameConstraints(new GeneralSubtree[] {
                    new GeneralSubtree(new GeneralName(GeneralName.dNSName, ".private.example.net")),
                    new GeneralSubtree(new GeneralName(GeneralName.iPAddress, "10.0.0.0/8"))}, null).getEncoded();
            var api = new ApiPassthrough(null, null, KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign, null, null,
                    List.of(new ApiPassthrough.CustomExtension(Extension.nameConstraints, nc, true)));
            var signed = t.pki.issuance().issue(new IssueRequest(root.id(), pending.csr().getEncoded(), null,
                    Template.named("BlankSubordinateCACertificate_PathLen0_APIPassthrough/V1"), Validity.years(1), null, api, null, "test"));
            return t.pki.authorities().importCertificate(pending.id(), dev.stamp.core.crypto.Pem.encoded(signed.certificate()),
                    List.of(dev.stamp.core.crypto.Pem.encoded(root.certificate())), "test");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static CertificateAuthority shortLived(TestPki t) {
        CertificateAuthority root = root(t);
        return t.pki.authorities().createSubordinate(new CreateCaRequest(CaType.SUBORDINATE, CaSubject.parse("CN=Short"),
                        KeyAlgorithm.EC_prime256v1, null, UsageMode.SHORT_LIVED_CERTIFICATE, null),
                root.id(), Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(1), "test");
    }
}
