package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.KeyIdentifiers;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.testing.Csrs;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.KeyUsage;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.stamp.manager.issuer.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A root made by the selfSigned issuer, an intermediate signed by a ca issuer on the root, leaves from the intermediate. */
class CaBackendTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    static final IssuerBackends BACKENDS = backends(fixed(NOW));
    static final KeyPair ROOT_KEYS = Csrs.rsa(2048);
    static final KeyPair INTERMEDIATE_KEYS = Csrs.p256();
    static String rootPem;
    static String intermediatePem;

    @BeforeAll
    static void hierarchy() {
        Issuer selfSigned = issuer(IssuerKind.ClusterIssuer, "", "bootstrap", new IssuerConfig.SelfSigned(List.of()));
        var root = (SignOutcome.Issued) BACKENDS.backend(selfSigned).sign(new SignRequest(
                request("pki", "root-1", csrPem(ROOT_KEYS, "CN=Example Root,O=Example"), Duration.ofDays(3650), true),
                selfSigned, Optional.of(ROOT_KEYS.getPrivate()), new Secrets(), NOW));
        rootPem = root.chainPem();
        Secrets secrets = new Secrets().put("pki", "root-ca", tlsSecret(rootPem, ROOT_KEYS.getPrivate(), rootPem));
        Issuer rootIssuer = issuer(IssuerKind.Issuer, "pki", "root", caConfig("root-ca"));
        var intermediate = (SignOutcome.Issued) BACKENDS.backend(rootIssuer).sign(new SignRequest(
                request("pki", "intermediate-1", csrPem(INTERMEDIATE_KEYS, "CN=Example Intermediate,O=Example"), Duration.ofDays(365), true,
                        KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CERT_SIGN, KeyUsage.CRL_SIGN),
                rootIssuer, Optional.empty(), secrets, NOW));
        assertThat(certificates(intermediate.chainPem())).as("the self-signed root stays out of tls.crt").hasSize(1);
        assertThat(intermediate.caPem()).isEqualTo(rootPem);
        intermediatePem = intermediate.chainPem();
    }

    @AfterAll
    static void close() {
        BACKENDS.close();
    }

    private static Secrets intermediateSecret(String namespace, String tlsCrt, String caCrt) {
        return new Secrets().put(namespace, "intermediate-ca", tlsSecret(tlsCrt, INTERMEDIATE_KEYS.getPrivate(), caCrt));
    }

    @Test
    void aLeafCarriesTheCaChainInTlsCrtAndTheCaSecretsCaCrtAndVerifiesWithOpenssl(@TempDir Path dir) throws Exception {
        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "intermediate", new IssuerConfig.Ca("intermediate-ca",
                List.of("http://pki.example.net/crl/intermediate.crl"), List.of("http://pki.example.net/ocsp"),
                List.of("http://pki.example.net/ca/intermediate.cer")));
        Secrets secrets = intermediateSecret("apps", intermediatePem, rootPem);
        KeyPair leafKeys = Csrs.p256();
        SignOutcome outcome = BACKENDS.backend(issuer).sign(new SignRequest(
                request("apps", "app-1", csrPem(leafKeys, "CN=app.private.example.net", "app.private.example.net"), Duration.ofHours(2160), false,
                        KeyUsage.DIGITAL_SIGNATURE, KeyUsage.SERVER_AUTH),
                issuer, Optional.empty(), secrets, NOW));

        assertThat(outcome).isInstanceOf(SignOutcome.Issued.class);
        var issued = (SignOutcome.Issued) outcome;
        List<X509CertificateHolder> chain = certificates(issued.chainPem());
        X509CertificateHolder intermediate = certificates(intermediatePem).getFirst();
        assertThat(chain).hasSize(2);
        assertThat(chain.get(1)).isEqualTo(intermediate);
        assertThat(issued.caPem()).isEqualTo(rootPem);
        X509CertificateHolder leaf = chain.getFirst();
        assertThat(leaf.getIssuer()).isEqualTo(intermediate.getSubject());
        assertThat(leaf.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().build(INTERMEDIATE_KEYS.getPublic()))).isTrue();
        assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW);
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(2160)));
        assertThat(AuthorityKeyIdentifier.fromExtensions(leaf.getExtensions()).getKeyIdentifierOctets())
                .isEqualTo(KeyIdentifiers.ofIssuer(intermediate));
        CRLDistPoint crl = CRLDistPoint.getInstance(leaf.getExtension(Extension.cRLDistributionPoints).getParsedValue());
        assertThat(crl.getDistributionPoints()).hasSize(1);
        assertThat(crl.getDistributionPoints()[0].getDistributionPoint().getName().toString()).contains("http://pki.example.net/crl/intermediate.crl");
        AccessDescription[] aia = AuthorityInformationAccess.fromExtensions(leaf.getExtensions()).getAccessDescriptions();
        assertThat(aia).extracting(a -> a.getAccessMethod() + " " + a.getAccessLocation().getName()).containsExactly(
                AccessDescription.id_ad_ocsp + " http://pki.example.net/ocsp",
                AccessDescription.id_ad_caIssuers + " http://pki.example.net/ca/intermediate.cer");

        assertThat(opensslVerify(dir, issued.chainPem(), issued.caPem(), NOW.plusSeconds(60), "-purpose", "sslserver"))
                .isEqualTo("0: leaf.pem: OK");
    }

    @Test
    void aCaRequestsNameConstraintsAreCopiedSoLeavesOutsideThemFailVerification(@TempDir Path dir) throws Exception {
        // spec.nameConstraints → the CSR (CsrBuilder) → the CA certificate, as cert-manager's ca issuer does
        var spec = dev.stamp.manager.testing.SpecBuilder.spec();
        spec.commonName = "Constrained Intermediate";
        spec.isCA = true;
        spec.usages = List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CERT_SIGN);
        spec.nameConstraints = new dev.stamp.manager.spec.NameConstraints(true,
                new dev.stamp.manager.spec.NameConstraints.Items(List.of("private.example.net"), List.of(), List.of(), List.of()), null);
        KeyPair constrainedKeys = Csrs.p256();
        String csr = new dev.stamp.manager.key.CsrBuilder(new java.security.SecureRandom()).build(spec.build(), constrainedKeys);
        Issuer rootIssuer = issuer(IssuerKind.Issuer, "pki", "root", caConfig("root-ca"));
        var constrained = (SignOutcome.Issued) BACKENDS.backend(rootIssuer).sign(new SignRequest(
                request("pki", "constrained-1", csr, Duration.ofDays(365), true, KeyUsage.DIGITAL_SIGNATURE, KeyUsage.CERT_SIGN),
                rootIssuer, Optional.empty(), new Secrets().put("pki", "root-ca", tlsSecret(rootPem, ROOT_KEYS.getPrivate(), rootPem)), NOW));
        Extension extension = certificates(constrained.chainPem()).getFirst().getExtension(Extension.nameConstraints);
        assertThat(extension).isNotNull();
        assertThat(extension.isCritical()).isTrue();

        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "constrained", caConfig("constrained-ca"));
        Secrets secrets = new Secrets().put("apps", "constrained-ca", tlsSecret(constrained.chainPem(), constrainedKeys.getPrivate(), rootPem));
        for (String name : List.of("app.private.example.net", "evil.example.com")) {
            var leaf = (SignOutcome.Issued) BACKENDS.backend(issuer).sign(new SignRequest(
                    request("apps", name, csrPem(Csrs.p256(), "CN=" + name, name), Duration.ofHours(24), false),
                    issuer, Optional.empty(), secrets, NOW));
            String verdict = opensslVerify(dir, leaf.chainPem(), leaf.caPem(), NOW.plusSeconds(60));
            if (name.startsWith("app")) assertThat(verdict).isEqualTo("0: leaf.pem: OK");
            else assertThat(verdict).contains("permitted subtree violation");
        }
    }

    @Test
    void withoutCaCrtTheSelfSignedRootOfTlsCrtBecomesCaCrtAndStaysOutOfTheChain(@TempDir Path dir) throws Exception {
        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "intermediate", caConfig("intermediate-ca"));
        Secrets secrets = intermediateSecret("apps", intermediatePem + rootPem, null);
        var issued = (SignOutcome.Issued) BACKENDS.backend(issuer).sign(new SignRequest(
                request("apps", "app-2", csrPem(Csrs.p256(), "CN=b.example.net", "b.example.net"), Duration.ofHours(24), false),
                issuer, Optional.empty(), secrets, NOW));

        assertThat(certificates(issued.chainPem())).hasSize(2);
        assertThat(issued.caPem()).isEqualTo(rootPem);
        assertThat(opensslVerify(dir, issued.chainPem(), issued.caPem(), NOW.plusSeconds(60))).isEqualTo("0: leaf.pem: OK");
    }

    @Test
    void notAfterIsCappedAtTheCasOwnNotAfter() {
        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "intermediate", caConfig("intermediate-ca"));
        var issued = (SignOutcome.Issued) BACKENDS.backend(issuer).sign(new SignRequest(
                request("apps", "app-3", csrPem(Csrs.p256(), "CN=c.example.net", "c.example.net"), Duration.ofDays(5000), false),
                issuer, Optional.empty(), intermediateSecret("apps", intermediatePem, rootPem), NOW));

        X509CertificateHolder leaf = certificates(issued.chainPem()).getFirst();
        assertThat(leaf.getNotAfter()).isEqualTo(certificates(intermediatePem).getFirst().getNotAfter());
    }

    @Test
    void aClusterIssuerReadsItsSecretFromTheClusterResourceNamespaceAndAnIssuerFromItsOwn() {
        Secrets secrets = intermediateSecret(CLUSTER_NAMESPACE, intermediatePem, rootPem);
        Issuer cluster = issuer(IssuerKind.ClusterIssuer, "", "intermediate", caConfig("intermediate-ca"));
        Issuer namespaced = issuer(IssuerKind.Issuer, "apps", "intermediate", caConfig("intermediate-ca"));

        assertThat(BACKENDS.backend(cluster).check(cluster, secrets).ready()).isTrue();
        assertThat(BACKENDS.backend(namespaced).check(namespaced, secrets).ready()).isFalse();
        assertThat(secrets.lookups).containsExactly(CLUSTER_NAMESPACE + "/intermediate-ca", "apps/intermediate-ca");
    }

    @Test
    void aValidKeyPairIsVerified() {
        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "intermediate", caConfig("intermediate-ca"));
        assertThat(BACKENDS.backend(issuer).check(issuer, intermediateSecret("apps", intermediatePem, rootPem)))
                .isEqualTo(IssuerCheck.ready("KeyPairVerified", "Signing CA verified"));
    }

    @Test
    void aMissingSecretIsErrGetKeyPairForTheCheckAndPendingForARequest() {
        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "intermediate", caConfig("intermediate-ca"));
        IssuerCheck check = BACKENDS.backend(issuer).check(issuer, new Secrets());
        assertThat(check.ready()).isFalse();
        assertThat(check.reason()).isEqualTo("ErrGetKeyPair");
        assertThat(check.message()).startsWith("Error getting keypair for CA issuer: ").contains("apps/intermediate-ca");

        SignOutcome outcome = BACKENDS.backend(issuer).sign(new SignRequest(
                request("apps", "app-4", csrPem(Csrs.p256(), "CN=d.example.net", "d.example.net"), Duration.ofHours(1), false),
                issuer, Optional.empty(), new Secrets(), NOW));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Pending.class, p -> assertThat(p.message()).contains("apps/intermediate-ca"));
    }

    enum BadPair {
        KEY_OF_ANOTHER_PAIR("does not match the certificate"),
        NOT_A_CA("is not a CA"),
        NO_KEY("has no tls.key"),
        GARBAGE_CERTIFICATE("is not a PEM certificate chain"),
        GARBAGE_KEY("tls.key of secret apps/intermediate-ca");

        final String message;

        BadPair(String message) {
            this.message = message;
        }
    }

    @ParameterizedTest
    @EnumSource(BadPair.class)
    void anInvalidKeyPairIsErrInvalidKeyPairNamingTheProblem(BadPair bad) {
        Map<String, byte[]> data = new java.util.HashMap<>(tlsSecret(intermediatePem, INTERMEDIATE_KEYS.getPrivate(), rootPem));
        switch (bad) {
            case KEY_OF_ANOTHER_PAIR -> data.put("tls.key", keyPem(Csrs.p256().getPrivate()).getBytes());
            case NOT_A_CA -> {
                KeyPair leafKeys = Csrs.p256();
                Issuer selfSigned = issuer(IssuerKind.ClusterIssuer, "", "bootstrap", new IssuerConfig.SelfSigned(List.of()));
                var leaf = (SignOutcome.Issued) BACKENDS.backend(selfSigned).sign(new SignRequest(
                        request("apps", "leaf", csrPem(leafKeys, "CN=leaf.example.net", "leaf.example.net"), Duration.ofHours(1), false),
                        selfSigned, Optional.of(leafKeys.getPrivate()), new Secrets(), NOW));
                data.put("tls.crt", leaf.chainPem().getBytes());
                data.put("tls.key", keyPem(leafKeys.getPrivate()).getBytes());
            }
            case NO_KEY -> data.remove("tls.key");
            case GARBAGE_CERTIFICATE -> data.put("tls.crt", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes());
            case GARBAGE_KEY -> data.put("tls.key", "not a key".getBytes());
        }
        Secrets secrets = new Secrets().put("apps", "intermediate-ca", data);
        Issuer issuer = issuer(IssuerKind.Issuer, "apps", "intermediate", caConfig("intermediate-ca"));

        IssuerCheck check = BACKENDS.backend(issuer).check(issuer, secrets);
        assertThat(check.ready()).isFalse();
        assertThat(check.reason()).isEqualTo("ErrInvalidKeyPair");
        assertThat(check.message()).startsWith("Error initializing issuer: ").contains(bad.message);
        SignOutcome outcome = BACKENDS.backend(issuer).sign(new SignRequest(
                request("apps", "app-5", csrPem(Csrs.p256(), "CN=e.example.net", "e.example.net"), Duration.ofHours(1), false),
                issuer, Optional.empty(), secrets, NOW));
        assertThat(outcome).isInstanceOfSatisfying(SignOutcome.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("SecretInvalidData");
            assertThat(f.message()).contains(bad.message);
        });
    }

    @Test
    void theRootSecretWithAPkcs1RsaKeySignsWithSha256WithRsa() {
        X509CertificateHolder intermediate = certificates(intermediatePem).getFirst();
        assertThat(intermediate.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.11");
        assertThat(keyPem(ROOT_KEYS.getPrivate())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Pem.certificates(rootPem.getBytes())).hasSize(1);
    }
}
