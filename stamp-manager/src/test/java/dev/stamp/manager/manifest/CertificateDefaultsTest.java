package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.KeystorePassword;
import dev.stamp.manager.spec.Keystores;
import dev.stamp.manager.spec.Pkcs12Profile;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.SecretKeySelector;
import dev.stamp.manager.spec.SecretTemplate;
import dev.stamp.manager.spec.Subject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static dev.stamp.manager.manifest.Manifests.certificate;
import static dev.stamp.manager.manifest.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;

class CertificateDefaultsTest {
    private static Certificate read(String overrides) {
        ManifestResult result = one(certificate(overrides));
        assertThat(result).isInstanceOf(ManifestResult.CertificateManifest.class);
        return ((ManifestResult.CertificateManifest) result).certificate();
    }

    @Test
    void aMinimalCertificateGetsCertManagersDefaults() {
        Certificate certificate = read("");
        CertificateSpec spec = certificate.spec();

        assertThat(certificate.metadata().name()).isEqualTo("app");
        assertThat(certificate.metadata().namespace()).isEqualTo("default");
        assertThat(spec.secretName()).isEqualTo("app-tls");
        assertThat(spec.issuerRef()).isEqualTo(new IssuerRef("ca", "Issuer", "cert-manager.io"));
        assertThat(spec.dnsNames()).containsExactly("app.private.example.net");
        assertThat(spec.duration()).isEqualTo(Duration.ofHours(2160));
        assertThat(spec.renewBefore()).isNull();
        assertThat(spec.renewBeforePercentage()).isNull();
        assertThat(spec.isCA()).isFalse();
        assertThat(spec.usages()).containsExactly(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT);
        assertThat(spec.privateKey()).isEqualTo(new PrivateKeySpec(PrivateKeyAlgorithm.RSA, 2048, PrivateKeyEncoding.PKCS1, RotationPolicy.Always));
        assertThat(spec.signatureAlgorithm()).isNull();
        assertThat(spec.encodeUsagesInRequest()).isTrue();
        assertThat(spec.revisionHistoryLimit()).isEqualTo(1);
        assertThat(spec.commonName()).isEmpty();
        assertThat(spec.literalSubject()).isEmpty();
        assertThat(spec.subject()).isEqualTo(Subject.EMPTY);
        assertThat(spec.secretTemplate()).isEqualTo(SecretTemplate.EMPTY);
        assertThat(spec.keystores()).isEqualTo(Keystores.NONE);
        assertThat(spec.additionalOutputFormats()).isEmpty();
        assertThat(spec.nameConstraints()).isNull();
    }

    @ParameterizedTest(name = "{0} defaults to size {1}")
    @CsvSource({"RSA, 2048", "ECDSA, 256", "Ed25519, 0"})
    void theKeySizeDefaultsByAlgorithm(PrivateKeyAlgorithm algorithm, int size) {
        assertThat(read("privateKey: {algorithm: " + algorithm + "}").spec().privateKey())
                .isEqualTo(new PrivateKeySpec(algorithm, size, PrivateKeyEncoding.PKCS1, RotationPolicy.Always));
    }

    @Test
    void keystoresDefaultTheJksAliasAndThePkcs12Profile() {
        Keystores keystores = read("keystores: {jks: {create: true, passwordSecretRef: {name: pw, key: jks}}, "
                + "pkcs12: {create: true, password: changeit}}").spec().keystores();

        assertThat(keystores.jks()).isEqualTo(new Keystores.Jks(true, "certificate",
                new KeystorePassword.FromSecret(new SecretKeySelector("pw", "jks"))));
        assertThat(keystores.pkcs12()).isEqualTo(new Keystores.Pkcs12(true, Pkcs12Profile.LegacyRC2, new KeystorePassword.Literal("changeit")));
        assertThat(keystores.pkcs12().toString()).doesNotContain("changeit");
    }

    @Test
    void givenValuesReplaceTheDefaults() {
        CertificateSpec spec = read("duration: 720h | renewBefore: 240h | isCA: true | usages: [cert sign, crl sign] "
                + "| privateKey: {algorithm: ECDSA, size: 384, encoding: PKCS8, rotationPolicy: Never} "
                + "| signatureAlgorithm: ECDSAWithSHA384 | encodeUsagesInRequest: false | revisionHistoryLimit: 5 "
                + "| issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io} "
                + "| subject: {organizations: [Example], countries: [NL], serialNumber: '42'} "
                + "| keystores: {jks: {create: true, alias: web, password: secret}}").spec();

        assertThat(spec.duration()).isEqualTo(Duration.ofHours(720));
        assertThat(spec.renewBefore()).isEqualTo(Duration.ofHours(240));
        assertThat(spec.isCA()).isTrue();
        assertThat(spec.usages()).containsExactly(KeyUsage.CERT_SIGN, KeyUsage.CRL_SIGN);
        assertThat(spec.privateKey()).isEqualTo(new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 384, PrivateKeyEncoding.PKCS8, RotationPolicy.Never));
        assertThat(spec.encodeUsagesInRequest()).isFalse();
        assertThat(spec.revisionHistoryLimit()).isEqualTo(5);
        assertThat(spec.issuerRef()).isEqualTo(new IssuerRef("pca", "AWSPCAClusterIssuer", "awspca.cert-manager.io"));
        assertThat(spec.subject().organizations()).containsExactly("Example");
        assertThat(spec.subject().countries()).containsExactly("NL");
        assertThat(spec.subject().serialNumber()).isEqualTo("42");
        assertThat(spec.keystores().jks().alias()).isEqualTo("web");
    }

    @Test
    void theNamespaceComesFromMetadataOrTheReadersDefault() {
        String yaml = certificate("").replace("  name: app\n", "  name: app\n  namespace: web\n");

        assertThat(((ManifestResult.CertificateManifest) one(yaml)).certificate().metadata().namespace()).isEqualTo("web");
        List<ManifestResult> agentDefault = new ManifestReader("apps").read(certificate(""));
        assertThat(((ManifestResult.CertificateManifest) agentDefault.getFirst()).certificate().metadata().namespace()).isEqualTo("apps");
    }
}
