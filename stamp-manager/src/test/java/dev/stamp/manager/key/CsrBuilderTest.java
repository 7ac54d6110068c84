package dev.stamp.manager.key;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.NameConstraints;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.SignatureAlgorithm;
import dev.stamp.manager.spec.Subject;
import dev.stamp.manager.testing.Programs;
import dev.stamp.manager.testing.SpecBuilder;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsrBuilderTest {
    private static final PrivateKeys KEYS = new PrivateKeys(new SecureRandom());
    private static final KeyPair P256 = KEYS.generate(new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS1, RotationPolicy.Always));
    private final CsrBuilder csrs = new CsrBuilder(new SecureRandom());

    @TempDir
    Path dir;

    private static PKCS10CertificationRequest parse(String pem) {
        return Pem.csr(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static Extensions extensions(PKCS10CertificationRequest csr) {
        Attribute[] attrs = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
        return attrs.length == 0 ? null : Extensions.getInstance(attrs[0].getAttrValues().getObjectAt(0));
    }

    private Programs.Result openssl(String pem) throws Exception {
        Path file = dir.resolve("req.pem");
        Files.writeString(file, pem);
        return Programs.run("openssl", "req", "-in", file.toString(), "-verify", "-noout", "-text", "-nameopt", "RFC2253");
    }

    @Test
    void aFullSpecGivesTheSubjectSansAndUsagesFieldByField() throws Exception {
        SpecBuilder spec = SpecBuilder.spec();
        spec.commonName = "app.private.example.net";
        spec.subject = new Subject(List.of("Acme", "Acme Labs"), List.of("NL"), List.of("Platform"), List.of("Amsterdam"),
                List.of("Noord-Holland"), List.of("Dam 1"), List.of("1012 JS"), "42");
        spec.dnsNames = List.of("app.private.example.net", "www.private.example.net");
        spec.ipAddresses = List.of("10.0.0.1", "fd00::1");
        spec.uris = List.of("spiffe://example.net/ns/default/sa/app");
        spec.emailAddresses = List.of("ops@example.net");
        spec.otherNames = List.of(new OtherName("1.3.6.1.4.1.311.20.2.3", "app@corp.example.net"));
        spec.usages = List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT, KeyUsage.SERVER_AUTH, KeyUsage.CLIENT_AUTH);

        String pem = csrs.build(spec.build(), P256);
        PKCS10CertificationRequest csr = parse(pem);

        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))).isTrue();
        assertThat(csr.getSubjectPublicKeyInfo().getEncoded()).isEqualTo(P256.getPublic().getEncoded());
        // Go's pkix.Name order, several values of one attribute in one RDN (a DER SET: openssl lists it sorted).
        List<String> rdns = new ArrayList<>();
        for (RDN rdn : csr.getSubject().getRDNs()) {
            List<String> set = new ArrayList<>();
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                set.add(BCStyle.INSTANCE.oidToDisplayName(atv.getType()) + "=" + ((ASN1String) atv.getValue()).getString());
            }
            rdns.add(String.join("+", set));
        }
        assertThat(rdns).containsExactly("C=NL", "ST=Noord-Holland", "L=Amsterdam", "STREET=Dam 1", "PostalCode=1012 JS",
                "O=Acme+O=Acme Labs", "OU=Platform", "CN=app.private.example.net", "SERIALNUMBER=42");

        Extensions ext = extensions(csr);
        assertThat(ext.getExtension(Extension.subjectAlternativeName).isCritical()).isFalse();
        List<String> sans = new ArrayList<>();
        for (GeneralName n : GeneralNames.fromExtensions(ext, Extension.subjectAlternativeName).getNames()) {
            sans.add(switch (n.getTagNo()) {
                case GeneralName.iPAddress -> "ip:" + Arrays.toString(ASN1OctetString.getInstance(n.getName()).getOctets());
                case GeneralName.otherName -> {
                    org.bouncycastle.asn1.x509.OtherName o = org.bouncycastle.asn1.x509.OtherName.getInstance(n.getName());
                    yield "other:" + o.getTypeID() + "=" + ((ASN1String) o.getValue()).getString() + "(" + o.getValue().getClass().getSimpleName() + ")";
                }
                default -> n.getTagNo() + ":" + n.getName();
            });
        }
        assertThat(sans).containsExactly("2:app.private.example.net", "2:www.private.example.net",
                "ip:[10, 0, 0, 1]", "ip:[-3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]",
                "6:spiffe://example.net/ns/default/sa/app", "1:ops@example.net",
                "other:1.3.6.1.4.1.311.20.2.3=app@corp.example.net(DERUTF8String)");

        Extension ku = ext.getExtension(Extension.keyUsage);
        assertThat(ku.isCritical()).isTrue();
        assertThat(org.bouncycastle.asn1.x509.KeyUsage.getInstance(ku.getParsedValue()))
                .isEqualTo(new org.bouncycastle.asn1.x509.KeyUsage(
                        org.bouncycastle.asn1.x509.KeyUsage.digitalSignature | org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment));
        assertThat(ext.getExtension(Extension.extendedKeyUsage).isCritical()).isFalse();
        assertThat(ExtendedKeyUsage.fromExtensions(ext).getUsages())
                .containsExactly(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        assertThat(ext.getExtension(Extension.basicConstraints)).isNull();
        assertThat(ext.getExtension(Extension.nameConstraints)).isNull();
        assertThat(new DefaultAlgorithmNameFinder().getAlgorithmName(csr.getSignatureAlgorithm())).isEqualTo("SHA256WITHECDSA");

        Programs.Result text = openssl(pem);
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.all()).contains("verify OK")
                .contains("Subject: serialNumber=42,CN=app.private.example.net,OU=Platform,O=Acme Labs+O=Acme,postalCode=1012 JS,street=Dam 1,L=Amsterdam,ST=Noord-Holland,C=NL")
                .contains("DNS:app.private.example.net, DNS:www.private.example.net, IP Address:10.0.0.1, IP Address:FD00:0:0:0:0:0:0:1, URI:spiffe://example.net/ns/default/sa/app, email:ops@example.net, othername: UPN::app@corp.example.net")
                .contains("X509v3 Key Usage: critical", "Digital Signature, Key Encipherment")
                .contains("TLS Web Server Authentication, TLS Web Client Authentication")
                .contains("Signature Algorithm: ecdsa-with-SHA256");
    }

    @Test
    void aLiteralSubjectKeepsItsRdnOrder() throws Exception {
        SpecBuilder spec = SpecBuilder.spec();
        spec.literalSubject = "CN=app,OU=Web+OU=Edge,O=Acme,DC=example,DC=com";
        spec.dnsNames = List.of("app.example.com");

        String pem = csrs.build(spec.build(), P256);

        // RFC 4514 writes the last RDN first: DER holds DC=com first, and openssl's RFC 2253 view prints the string back
        // (the multi-valued RDN is a DER SET, so its values come out sorted).
        assertThat(parse(pem).getSubject().getRDNs()[0].getFirst().getType()).isEqualTo(BCStyle.DC);
        Programs.Result text = openssl(pem);
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.stdout()).contains("Subject: CN=app,OU=Edge+OU=Web,O=Acme,DC=example,DC=com");
    }

    @Test
    void aCaWithNameConstraintsRequestsCertSignBasicConstraintsAndTheConstraints() throws Exception {
        SpecBuilder spec = SpecBuilder.spec();
        spec.commonName = "Team CA";
        spec.isCA = true;
        spec.nameConstraints = new NameConstraints(true,
                new NameConstraints.Items(List.of(".example.net"), List.of("10.0.0.0/8"), List.of(), List.of(".example.net")),
                new NameConstraints.Items(List.of(), List.of(), List.of("example.org"), List.of()));

        String pem = csrs.build(spec.build(), P256);
        Extensions ext = extensions(parse(pem));

        Extension bc = ext.getExtension(Extension.basicConstraints);
        assertThat(bc.isCritical()).isTrue();
        assertThat(BasicConstraints.getInstance(bc.getParsedValue()).isCA()).isTrue();
        assertThat(org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(ext).hasUsages(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)).isTrue();
        Extension nc = ext.getExtension(Extension.nameConstraints);
        assertThat(nc.isCritical()).isTrue();
        org.bouncycastle.asn1.x509.NameConstraints constraints = org.bouncycastle.asn1.x509.NameConstraints.getInstance(nc.getParsedValue());
        assertThat(Arrays.stream(constraints.getPermittedSubtrees()).map(GeneralSubtree::getBase).map(GeneralName::toString))
                .containsExactly("2: .example.net", "7: #0a000000ff000000", "6: .example.net");
        assertThat(Arrays.stream(constraints.getExcludedSubtrees()).map(GeneralSubtree::getBase).map(GeneralName::toString))
                .containsExactly("1: example.org");

        Programs.Result text = openssl(pem);
        assertThat(text.exitCode()).as(text.all()).isZero();
        assertThat(text.stdout()).contains("X509v3 Basic Constraints: critical", "CA:TRUE", "X509v3 Name Constraints: critical",
                "DNS:.example.net", "IP:10.0.0.0/255.0.0.0", "URI:.example.net", "Excluded:", "email:example.org",
                "Certificate Sign");
    }

    @Test
    void usagesStayOutOfTheRequestWhenEncodeUsagesInRequestIsFalse() {
        SpecBuilder spec = SpecBuilder.spec();
        spec.commonName = "app";
        spec.encodeUsagesInRequest = false;
        spec.usages = List.of(KeyUsage.SERVER_AUTH, KeyUsage.DIGITAL_SIGNATURE);

        PKCS10CertificationRequest csr = parse(csrs.build(spec.build(), P256));

        assertThat(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)).isEmpty();
    }

    @Test
    void theSanExtensionIsCriticalWhenTheSubjectIsEmpty() throws Exception {
        SpecBuilder spec = SpecBuilder.spec();
        spec.dnsNames = List.of("only-a-san.example.net");

        String pem = csrs.build(spec.build(), P256);

        assertThat(parse(pem).getSubject().getRDNs()).isEmpty();
        assertThat(extensions(parse(pem)).getExtension(Extension.subjectAlternativeName).isCritical()).isTrue();
        assertThat(openssl(pem).exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0} {1} with signatureAlgorithm {2} signs with {3}")
    @CsvSource({
            "ECDSA,   256,  ,                SHA256WITHECDSA",
            "ECDSA,   384,  ,                SHA384WITHECDSA",
            "ECDSA,   521,  ,                SHA512WITHECDSA",
            "ECDSA,   256,  ECDSAWithSHA384, SHA384WITHECDSA",
            "Ed25519, 0,    ,                ED25519",
            "Ed25519, 0,    PureEd25519,     ED25519",
            "RSA,     2048, ,                SHA256WITHRSA",
            "RSA,     2048, SHA512WithRSA,   SHA512WITHRSA",
    })
    void theSignatureAlgorithmIsTheRequestedOneOrTheKeysDefault(PrivateKeyAlgorithm algorithm, int size,
                                                               SignatureAlgorithm requested, String expected) throws Exception {
        KeyPair key = KEYS.generate(new PrivateKeySpec(algorithm, size, PrivateKeyEncoding.PKCS8, RotationPolicy.Always));
        SpecBuilder spec = SpecBuilder.spec();
        spec.commonName = "sig";
        spec.signatureAlgorithm = requested;

        String pem = csrs.build(spec.build(), key);

        PKCS10CertificationRequest csr = parse(pem);
        assertThat(new DefaultAlgorithmNameFinder().getAlgorithmName(csr.getSignatureAlgorithm())).isEqualTo(expected);
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))).isTrue();
        Programs.Result verify = openssl(pem);
        assertThat(verify.exitCode()).as(verify.all()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a signature algorithm for another key type | signatureAlgorithm   | SHA256WithRSA",
            "an IP address that is a host name          | ipAddresses          | not-an-ip",
            "a CIDR without a prefix                    | ipRanges             | 10.0.0.0",
            "an otherName with a bad OID                | otherNames           | 1.x.3",
            "a literal subject with an unknown name     | literalSubject       | FOO=bar",
            "a literal subject with a hex value         | literalSubject       | CN=#0403414243",
    })
    void badSpecValuesAreRefusedNamingFieldAndValue(String description, String field, String value) {
        SpecBuilder spec = SpecBuilder.spec();
        spec.commonName = field.equals("literalSubject") ? "" : "bad";
        switch (field) {
            case "signatureAlgorithm" -> spec.signatureAlgorithm = SignatureAlgorithm.valueOf(value);
            case "ipAddresses" -> spec.ipAddresses = List.of(value);
            case "ipRanges" -> {
                spec.isCA = true;
                spec.nameConstraints = new NameConstraints(false, new NameConstraints.Items(List.of(), List.of(value), List.of(), List.of()), null);
            }
            case "otherNames" -> spec.otherNames = List.of(new OtherName(value, "x"));
            case "literalSubject" -> spec.literalSubject = value;
            default -> throw new IllegalArgumentException(field);
        }

        assertThatThrownBy(() -> csrs.build(spec.build(), P256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field)
                .hasMessageContaining(value);
    }

}
