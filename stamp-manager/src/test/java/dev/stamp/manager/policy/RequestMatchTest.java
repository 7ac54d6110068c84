package dev.stamp.manager.policy;

import dev.stamp.manager.policy.Fixtures.Names;
import dev.stamp.manager.policy.Fixtures.SpecBuilder;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.Subject;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.stamp.manager.policy.Fixtures.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RequestMatchesSpec over real CSRs: each compared field, matching and differing. */
class RequestMatchTest {
    private static final String CN = "app.private.example.net";
    private static final OtherName UPN = new OtherName("1.3.6.1.4.1.311.20.2.3", "app@corp.example");

    static Stream<Arguments> rows() {
        return Stream.of(
                row("IP addresses match", Names.of(CN, CN).withIps("10.0.0.1"), b -> b.ipAddresses = List.of("10.0.0.1"), List.of()),
                row("an IPv6 address written another way matches", Names.of(CN, CN).withIps("2001:db8::1"),
                        b -> b.ipAddresses = List.of("2001:0db8:0:0::1"), List.of()),
                row("a different IP address", Names.of(CN, CN).withIps("10.0.0.1"), b -> b.ipAddresses = List.of("10.0.0.2"), List.of("spec.ipAddresses")),
                row("a spec IP that is no IP never matches", Names.of(CN, CN).withIps("10.0.0.1"), b -> b.ipAddresses = List.of("host.example"), List.of("spec.ipAddresses")),
                row("URIs differ", Names.of(CN, CN).withUris("spiffe://a/x"), b -> b.uris = List.of("spiffe://a/y"), List.of("spec.uris")),
                row("emails differ", Names.of(CN, CN).withEmails("a@example.net"), b -> b.emails = List.of("b@example.net"), List.of("spec.emailAddresses")),
                row("otherNames match", Names.of(CN, CN).withOtherNames(UPN), b -> b.otherNames = List.of(UPN), List.of()),
                row("otherNames differ", Names.of(CN, CN).withOtherNames(UPN),
                        b -> b.otherNames = List.of(new OtherName(UPN.oid(), "other@corp.example")), List.of("spec.otherNames")),
                row("otherNames wanted from a CSR without SANs", Names.of(CN), b -> {
                    b.dnsNames = List.of();
                    b.otherNames = List.of(UPN);
                }, List.of("spec.otherNames")),
                row("organizations match in any order", Names.of(CN, CN).withOrganizations("A", "B"),
                        b -> b.subject = subject(List.of("B", "A"), ""), List.of()),
                row("organizations differ", Names.of(CN, CN).withOrganizations("A"), b -> b.subject = subject(List.of("B"), ""),
                        List.of("spec.subject.organizations")),
                row("a subject serial number was added", Names.of(CN, CN), b -> b.subject = subject(List.of(), "42"), List.of("spec.subject.serialNumber")),
                row("a literal subject matches the CSR's RDN sequence", Names.of(CN, CN).withOrganizations("Stamp"), b -> {
                    b.commonName = "";
                    b.literalSubject = "CN=" + CN + ",O=Stamp";
                }, List.of()),
                row("a literal subject in the other order differs", Names.of(CN, CN).withOrganizations("Stamp"), b -> {
                    b.commonName = "";
                    b.literalSubject = "O=Stamp,CN=" + CN;
                }, List.of("spec.literalSubject")),
                row("isCA changed", Names.of(CN, CN), b -> b.isCA = true, List.of("spec.isCA")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void violationsNameTheSpecFieldsThatDiffer(String name, Names csrNames, Consumer<SpecBuilder> change, List<String> expected) {
        CertificateRequest request = Fixtures.request(Fixtures.csr(KEY, csrNames), Fixtures.spec());
        SpecBuilder spec = new SpecBuilder();
        change.accept(spec);

        assertThat(RequestMatch.violations(request, spec.build())).isEqualTo(expected);
    }

    @Test
    void anUndecodableCsrIsAnErrorNotAMatch() {
        CertificateRequest request = Fixtures.request("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n", Fixtures.spec());

        assertThatThrownBy(() -> RequestMatch.violations(request, Fixtures.spec())).isInstanceOf(DecodeException.class)
                .hasMessageContaining("certificate request");
    }

    @Test
    void aNonUtf8OtherNameIsIgnoredUnlessTheSpecSetsOtherNames() throws Exception {
        ASN1EncodableVector otherName = new ASN1EncodableVector();
        otherName.add(new ASN1ObjectIdentifier(UPN.oid()));
        otherName.add(new DERTaggedObject(true, 0, new DERIA5String(UPN.utf8Value())));
        GeneralNames sans = new GeneralNames(new GeneralName[]{
                new GeneralName(GeneralName.dNSName, CN), new GeneralName(GeneralName.otherName, new DERSequence(otherName))});
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.subjectAlternativeName, false, sans);
        String csr = Fixtures.pem(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + CN), KEY.getPublic())
                .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEY.getPrivate())));
        CertificateRequest request = Fixtures.request(csr, Fixtures.spec());
        SpecBuilder withOtherNames = new SpecBuilder();
        withOtherNames.otherNames = List.of(UPN);

        assertThat(RequestMatch.violations(request, Fixtures.spec())).isEmpty();
        assertThatThrownBy(() -> RequestMatch.violations(request, withOtherNames.build()))
                .isInstanceOf(DecodeException.class).hasMessageContaining("not an utf8 value");
    }

    private static Arguments row(String name, Names names, Consumer<SpecBuilder> change, List<String> expected) {
        return Arguments.of(name, names, change, expected);
    }

    private static Subject subject(List<String> organizations, String serialNumber) {
        return new Subject(organizations, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), serialNumber);
    }
}
