package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;

import static dev.stamp.manager.manifest.Manifests.errors;
import static dev.stamp.manager.manifest.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateRequestReaderTest {
    private static String csrPem;

    private static KeyPair keys;
    private static String serverCsrPem;
    private static String caCsrPem;

    @BeforeAll
    static void makeCsrs() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keys = generator.generateKeyPair();
        csrPem = csr(null);
        ExtensionsGenerator server = new ExtensionsGenerator();
        server.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature));
        server.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        serverCsrPem = csr(server.generate());
        ExtensionsGenerator ca = new ExtensionsGenerator();
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        caCsrPem = csr(ca.generate());
    }

    private static String csr(Extensions extensions) throws Exception {
        var builder = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=app.private.example.net"), keys.getPublic());
        if (extensions != null) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions);
        }
        var csr = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(csr);
        }
        return out.toString();
    }

    private static String request(String specLines) {
        return "apiVersion: cert-manager.io/v1\nkind: CertificateRequest\nmetadata:\n  name: app-1\n  namespace: web\nspec:\n" + specLines;
    }

    private static String literal(String pem) {
        return "  request: |\n" + pem.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }

    @Test
    void readsAPemRequestWithDefaults() {
        ManifestResult result = one(request(literal(csrPem) + "  issuerRef: {name: ca}\n"));

        assertThat(result).isInstanceOf(ManifestResult.CertificateRequestManifest.class);
        CertificateRequest request = ((ManifestResult.CertificateRequestManifest) result).request();
        assertThat(request.metadata().namespace()).isEqualTo("web");
        assertThat(request.spec().request()).isEqualTo(csrPem);
        assertThat(request.spec().issuerRef()).isEqualTo(new IssuerRef("ca", "Issuer", "cert-manager.io"));
        assertThat(request.spec().duration()).isEqualTo(Duration.ofHours(2160));
        assertThat(request.spec().isCA()).isFalse();
        assertThat(request.spec().usages()).containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
    }

    @Test
    void readsABase64RequestAsKubernetesWritesByteFields() {
        String base64 = Base64.getEncoder().encodeToString(csrPem.getBytes(StandardCharsets.US_ASCII));
        ManifestResult result = one(request("  request: " + base64 + "\n  issuerRef: {name: ca, kind: ClusterIssuer}\n"
                + "  duration: 24h\n  isCA: true\n  usages: [cert sign]\n  username: someone\n"));

        CertificateRequest request = ((ManifestResult.CertificateRequestManifest) result).request();
        assertThat(request.spec().request()).isEqualTo(csrPem);
        assertThat(request.spec().duration()).isEqualTo(Duration.ofHours(24));
        assertThat(request.spec().isCA()).isTrue();
        assertThat(request.spec().usages()).containsExactly(KeyUsage.CERT_SIGN);
    }

    @Test
    void refusesAMissingRequest() {
        assertThat(errors(one(request("  issuerRef: {name: ca}\n")))).containsExactly("spec.request: Required value: must be specified");
    }

    @Test
    void refusesARequestThatIsNotACsr() {
        String certificateLike = csrPem.replace("CERTIFICATE REQUEST", "PUBLIC KEY");

        assertThat(errors(one(request(literal(certificateLike) + "  issuerRef: {name: ca}\n"))))
                .singleElement().asString().startsWith("spec.request: Invalid value: failed to decode csr: ");
        assertThat(errors(one(request("  request: '%%% not base64'\n  issuerRef: {name: ca}\n"))))
                .containsExactly("spec.request: Invalid value: failed to decode csr: neither PEM nor base64-encoded PEM");
    }

    @Test
    void checksTheIssuerRefAsOnACertificate() {
        assertThat(errors(one(request(literal(csrPem) + "  issuerRef: {name: pca, kind: AWSPCAIssuer}\n"))))
                .containsExactly("spec.issuerRef.kind: Invalid value: \"AWSPCAIssuer\": must be one of Issuer or ClusterIssuer (did you forget to set spec.issuerRef.group?)");
    }

    @ParameterizedTest(name = "a CSR asking for digital signature and server auth, with usages {0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "[digital signature, server auth] | ",
            "[signing, server auth]           | ",
            "~                                | ",
            "[client auth]                    | spec.request: Invalid value: csr key usages do not match specified usages, these should match if both are set: csr has [digital signature, server auth], spec has [client auth]",
    })
    void theCsrsUsagesMustEqualTheSpecifiedOnes(String usages, String message) {
        ManifestResult result = one(request(literal(serverCsrPem) + "  issuerRef: {name: ca}\n  usages: " + usages + "\n"));

        if (message == null) {
            assertThat(result).isInstanceOf(ManifestResult.CertificateRequestManifest.class);
        } else {
            assertThat(errors(result)).containsExactly(message);
        }
    }

    @Test
    void theCsrsBasicConstraintsMustMatchIsCa() {
        assertThat(one(request(literal(caCsrPem) + "  issuerRef: {name: ca}\n  isCA: true\n")))
                .isInstanceOf(ManifestResult.CertificateRequestManifest.class);
        assertThat(errors(one(request(literal(caCsrPem) + "  issuerRef: {name: ca}\n"))))
                .containsExactly("spec.request: Invalid value: csr isCA (true) does not match specified isCA (false)");
    }
}
