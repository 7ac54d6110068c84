package dev.stamp.manager.secret;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.KeystorePassword;
import dev.stamp.manager.spec.Keystores;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.OutputFormat;
import dev.stamp.manager.spec.Pkcs12Profile;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretKeySelector;
import dev.stamp.manager.spec.SecretTemplate;
import dev.stamp.manager.testing.Programs;
import dev.stamp.manager.testing.SpecBuilder;
import dev.stamp.manager.testing.TestCerts;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.bc.BcPKCS12PBMac1CalculatorBuilderProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsSecretBuilderTest {
    private static final TestCerts PKI = new TestCerts();
    private static final PrivateKeys KEYS = new PrivateKeys(new SecureRandom());
    private static final KeyPair KEY = KEYS.generate(new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS1, RotationPolicy.Always));
    private static final X509CertificateHolder LEAF = PKI.leaf(KEY.getPublic(),
            "CN=app.private.example.net,O=Acme,O=Acme\\, Inc.,C=NL", "app.private.example.net", "www.private.example.net");
    private static final String PASSWORD = "s3cret-pass";
    private static final Map<String, Secret> PASSWORD_SECRETS = Map.of("app-keystore-password", new Secret(
            ObjectMeta.of("web", "app-keystore-password"), "Opaque", Map.of("password", PASSWORD.getBytes(StandardCharsets.UTF_8))));

    private final TlsSecretBuilder builder = new TlsSecretBuilder(new SecureRandom(),
            (namespace, name) -> namespace.equals("web") ? Optional.ofNullable(PASSWORD_SECRETS.get(name)) : Optional.empty());

    @TempDir
    Path dir;

    private static SpecBuilder spec() {
        SpecBuilder spec = SpecBuilder.spec();
        spec.commonName = "app.private.example.net";
        spec.dnsNames = List.of("app.private.example.net", "www.private.example.net");
        spec.privateKey = new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS1, RotationPolicy.Always);
        return spec;
    }

    private static String text(Secret secret, String key) {
        return new String(secret.data().get(key), StandardCharsets.US_ASCII);
    }

    @Test
    void theSecretHoldsLeafAndIntermediatesTheKeyAndTheCaWithCertManagersAnnotationsAndLabels() {
        SpecBuilder spec = spec();
        spec.secretTemplate = new SecretTemplate(Map.of("team", "web"), Map.of("app", "shop"));
        Certificate certificate = spec.certificate("web", "app");

        Secret secret = builder.build(certificate, KEY.getPrivate(), PKI.chainWithRoot(LEAF), Optional.of(PKI.rootPem()));

        assertThat(secret.metadata().name()).isEqualTo("app-tls");
        assertThat(secret.metadata().namespace()).isEqualTo("web");
        assertThat(secret.type()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.data()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
        assertThat(Pem.certificates(secret.data().get("tls.crt"))).containsExactly(LEAF, PKI.intermediate);
        assertThat(Pem.certificates(secret.data().get("ca.crt"))).containsExactly(PKI.root);
        assertThat(text(secret, "tls.key")).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(PrivateKeys.decode(text(secret, "tls.key")).getPublic()).isEqualTo(KEY.getPublic());
        Map<String, String> expected = new java.util.HashMap<>(Map.of(
                "cert-manager.io/certificate-name", "app",
                "cert-manager.io/issuer-name", "ca-issuer",
                "cert-manager.io/issuer-kind", "Issuer",
                "cert-manager.io/issuer-group", "cert-manager.io",
                "cert-manager.io/common-name", "app.private.example.net",
                "cert-manager.io/alt-names", "app.private.example.net,www.private.example.net",
                "cert-manager.io/ip-sans", "",
                "cert-manager.io/uri-sans", "",
                "cert-manager.io/subject-organizations", "Acme,\"Acme, Inc.\"",
                "cert-manager.io/subject-countries", "NL"));
        expected.put("team", "web");
        assertThat(secret.metadata().annotations()).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(secret.metadata().labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "controller.cert-manager.io/fao", "true", "app", "shop"));
    }

    @Test
    void optionalAnnotationsFollowTheIssuedCertificate() {
        KeyPair key = TestCerts.p256();
        X509CertificateHolder leaf = PKI.leaf(key.getPublic(), "SERIALNUMBER=7,OU=Ops,L=Utrecht,ST=UT,POSTALCODE=3511,STREET=Main 1",
                new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.iPAddress, "10.1.2.3"), new GeneralName(GeneralName.iPAddress, "2001:db8::1"),
                        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.net/app"),
                        new GeneralName(GeneralName.rfc822Name, "ops@example.net")}));

        Secret secret = builder.build(spec().certificate("web", "app"), key.getPrivate(), PKI.chain(leaf), Optional.empty());

        assertThat(secret.metadata().annotations())
                .containsEntry("cert-manager.io/common-name", "")
                .containsEntry("cert-manager.io/alt-names", "")
                .containsEntry("cert-manager.io/ip-sans", "10.1.2.3,2001:db8::1")
                .containsEntry("cert-manager.io/uri-sans", "spiffe://example.net/app")
                .containsEntry("cert-manager.io/email-sans", "ops@example.net")
                .containsEntry("cert-manager.io/subject-organizationalunits", "Ops")
                .containsEntry("cert-manager.io/subject-localities", "Utrecht")
                .containsEntry("cert-manager.io/subject-provinces", "UT")
                .containsEntry("cert-manager.io/subject-postalcodes", "3511")
                .containsEntry("cert-manager.io/subject-streetaddresses", "Main 1")
                .containsEntry("cert-manager.io/subject-serialnumber", "7")
                .doesNotContainKeys("cert-manager.io/subject-organizations", "cert-manager.io/subject-countries");
        assertThat(secret.data()).containsOnlyKeys("tls.crt", "tls.key");
    }

    @Test
    void derAndCombinedPemOutputsFollowTheKeyEncoding() {
        SpecBuilder spec = spec();
        spec.privateKey = new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS8, RotationPolicy.Always);
        spec.additionalOutputFormats = List.of(OutputFormat.DER, OutputFormat.CombinedPEM);

        Secret secret = builder.build(spec.certificate("web", "app"), KEY.getPrivate(), PKI.chain(LEAF), Optional.empty());

        String keyPem = text(secret, "tls.key");
        assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(secret.data().get("key.der")).isEqualTo(PrivateKeys.der(KEY.getPrivate(), PrivateKeyEncoding.PKCS8));
        assertThat(text(secret, "tls-combined.pem")).isEqualTo(keyPem + "\n" + text(secret, "tls.crt"));
    }

    @Test
    void anEd25519KeyIsAlwaysPkcs8() {
        KeyPair ed = KEYS.generate(new PrivateKeySpec(PrivateKeyAlgorithm.Ed25519, 0, PrivateKeyEncoding.PKCS1, RotationPolicy.Always));
        SpecBuilder spec = spec();
        spec.privateKey = new PrivateKeySpec(PrivateKeyAlgorithm.Ed25519, 0, PrivateKeyEncoding.PKCS1, RotationPolicy.Always);

        Secret secret = builder.build(spec.certificate("web", "app"), ed.getPrivate(), PKI.chain(PKI.leaf(ed.getPublic(), "CN=ed")), Optional.empty());

        assertThat(text(secret, "tls.key")).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    private Path writeWithKeystores(Pkcs12Profile profile, Optional<String> ca) {
        SpecBuilder spec = spec();
        spec.keystores = new Keystores(
                new Keystores.Jks(true, "", new KeystorePassword.FromSecret(new SecretKeySelector("app-keystore-password", "password"))),
                new Keystores.Pkcs12(true, profile, new KeystorePassword.Literal(PASSWORD)));
        Secret secret = builder.build(spec.certificate("web", "app"), KEY.getPrivate(), PKI.chain(LEAF), ca);
        SecretDirectory out = new SecretDirectory(dir);
        out.write(secret);
        return out.pathOf("web", "app-tls");
    }

    @ParameterizedTest(name = "a {0} keystore and truststore are read by openssl with the profile's algorithms")
    @EnumSource(value = Pkcs12Profile.class, names = {"LegacyRC2", "LegacyDES", "Modern2023"})
    void pkcs12KeystoresAreReadByOpensslWithTheProfilesAlgorithms(Pkcs12Profile profile) {
        Path secretDir = writeWithKeystores(profile, Optional.of(PKI.rootPem()));
        List<String> legacy = profile == Pkcs12Profile.LegacyRC2 ? List.of("-legacy") : List.of();

        Programs.Result info = openssl(secretDir.resolve("keystore.p12"), legacy);
        assertThat(info.exitCode()).as(info.all()).isZero();
        switch (profile) {
            case LegacyRC2 -> assertThat(info.all()).contains("MAC: sha1", "PKCS7 Encrypted data: pbeWithSHA1And40BitRC2-CBC",
                    "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC");
            case LegacyDES -> assertThat(info.all()).contains("MAC: sha1", "PKCS7 Encrypted data: pbeWithSHA1And3-KeyTripleDES-CBC",
                    "Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC");
            default -> assertThat(info.all()).contains("MAC: sha256", "PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC",
                    "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");
        }
        Programs.Result certs = Programs.run(concat(List.of("openssl", "pkcs12", "-in", secretDir.resolve("keystore.p12").toString(),
                "-passin", "pass:" + PASSWORD, "-nokeys"), legacy));
        assertThat(certs.exitCode()).as(certs.all()).isZero();
        assertThat(pemBlocks(certs.stdout())).containsExactly(LEAF, PKI.intermediate, PKI.root);

        Programs.Result trust = openssl(secretDir.resolve("truststore.p12"), legacy);
        assertThat(trust.exitCode()).as(trust.all()).isZero();
        assertThat(trust.all()).contains("Certificate bag").doesNotContain("Shrouded Keybag");
        Programs.Result trusted = Programs.run(concat(List.of("openssl", "pkcs12", "-in", secretDir.resolve("truststore.p12").toString(),
                "-passin", "pass:" + PASSWORD, "-nokeys"), legacy));
        assertThat(trusted.stdout()).contains("friendlyName: ca", "2.16.840.1.113894.746875.1.1"); // Java's trusted-key-usage attribute
        assertThat(pemBlocks(trusted.stdout())).containsExactly(PKI.root);
    }

    @Test
    void aModern2026KeystoreCarriesAPbmac1MacOverAes256Contents() throws Exception {
        Path secretDir = writeWithKeystores(Pkcs12Profile.Modern2026, Optional.of(PKI.rootPem()));
        byte[] p12 = java.nio.file.Files.readAllBytes(secretDir.resolve("keystore.p12"));

        PKCS12PfxPdu pfx = new PKCS12PfxPdu(p12);
        assertThat(pfx.getMacAlgorithmID().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBMAC1);
        assertThat(pfx.isMacValid(new BcPKCS12PBMac1CalculatorBuilderProvider(), PASSWORD.toCharArray())).isTrue();
        assertThat(pfx.isMacValid(new BcPKCS12PBMac1CalculatorBuilderProvider(), "wrong".toCharArray())).isFalse();
        // OpenSSL before 3.4 cannot check a PBMAC1 MAC, but it decrypts the PBES2 contents.
        Programs.Result info = openssl(secretDir.resolve("keystore.p12"), List.of("-nomacver"));
        assertThat(info.exitCode()).as(info.all()).isZero();
        assertThat(info.all()).contains("PKCS7 Encrypted data: PBES2, PBKDF2, AES-256-CBC", "Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC");
    }

    @Test
    void keytoolListsTheJksAndPkcs12Stores() throws Exception {
        Path secretDir = writeWithKeystores(Pkcs12Profile.Modern2023, Optional.of(PKI.rootPem()));

        Programs.Result jks = keytool(secretDir.resolve("keystore.jks"));
        assertThat(jks.exitCode()).as(jks.all()).isZero();
        assertThat(jks.stdout()).contains("Your keystore contains 2 entries", "certificate, ", "PrivateKeyEntry", "ca, ", "trustedCertEntry");
        Programs.Result jksTrust = keytool(secretDir.resolve("truststore.jks"));
        assertThat(jksTrust.stdout()).contains("Your keystore contains 1 entry", "ca, ", "trustedCertEntry");
        Programs.Result p12 = keytool(secretDir.resolve("keystore.p12"));
        assertThat(p12.exitCode()).as(p12.all()).isZero();
        assertThat(p12.stdout()).contains("Your keystore contains 1 entry", "PrivateKeyEntry");
        Programs.Result p12Trust = keytool(secretDir.resolve("truststore.p12"));
        assertThat(p12Trust.exitCode()).as(p12Trust.all()).isZero();
        assertThat(p12Trust.stdout()).contains("Your keystore contains 1 entry", "ca, ", "trustedCertEntry");

        KeyStore ks = KeyStore.getInstance("JKS");
        try (var in = java.nio.file.Files.newInputStream(secretDir.resolve("keystore.jks"))) {
            ks.load(in, PASSWORD.toCharArray());
        }
        assertThat(ks.getKey("certificate", PASSWORD.toCharArray()).getEncoded()).isNotEmpty();
        assertThat(ks.getCertificateChain("certificate")).hasSize(2);
    }

    @Test
    void truststoresAndCaCrtAreOnlyWrittenWithACa() {
        Path secretDir = writeWithKeystores(Pkcs12Profile.Modern2023, Optional.empty());

        assertThat(new SecretDirectory(dir).get("web", "app-tls").orElseThrow().data())
                .containsOnlyKeys("tls.crt", "tls.key", "keystore.p12", "keystore.jks");
        assertThat(secretDir.resolve("truststore.p12")).doesNotExist();
    }

    @Test
    void aMissingPasswordSecretOrKeyIsReportedByName() {
        SpecBuilder spec = spec();
        spec.keystores = new Keystores(null, new Keystores.Pkcs12(true, Pkcs12Profile.Modern2023,
                new KeystorePassword.FromSecret(new SecretKeySelector("nope", "password"))));
        assertThatThrownBy(() -> builder.build(spec.certificate("web", "app"), KEY.getPrivate(), PKI.chain(LEAF), Optional.empty()))
                .isInstanceOf(KeystorePasswordNotFoundException.class).hasMessageContaining("web/nope");

        spec.keystores = new Keystores(null, new Keystores.Pkcs12(true, Pkcs12Profile.Modern2023,
                new KeystorePassword.FromSecret(new SecretKeySelector("app-keystore-password", "pass"))));
        assertThatThrownBy(() -> builder.build(spec.certificate("web", "app"), KEY.getPrivate(), PKI.chain(LEAF), Optional.empty()))
                .isInstanceOf(KeystorePasswordNotFoundException.class)
                .hasMessageContaining("web/app-keystore-password").hasMessageContaining("'pass'")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aChainThatIsNotPemIsRefused() {
        assertThatThrownBy(() -> builder.build(spec().certificate("web", "app"), KEY.getPrivate(), "garbage", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issued chain");
    }

    private static Programs.Result openssl(Path p12, List<String> extra) {
        return Programs.run(concat(List.of("openssl", "pkcs12", "-info", "-noout", "-in", p12.toString(), "-passin", "pass:" + PASSWORD), extra));
    }

    private static Programs.Result keytool(Path store) {
        return Programs.run(Programs.KEYTOOL.toString(), "-list", "-keystore", store.toString(), "-storepass", PASSWORD);
    }

    /** The certificates in openssl's output, without its "Bag Attributes" and subject lines. */
    private static List<X509CertificateHolder> pemBlocks(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----").matcher(text);
        List<X509CertificateHolder> out = new java.util.ArrayList<>();
        while (m.find()) out.addAll(Pem.certificates((m.group() + "\n").getBytes(StandardCharsets.US_ASCII)));
        return out;
    }

    private static String[] concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
    }
}
