package dev.stamp.manager.secret;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.testing.Programs;
import dev.stamp.manager.testing.TestCerts;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretInspectorTest {
    private static final TestCerts PKI = new TestCerts();
    private static final KeyPair KEY = TestCerts.p256();
    private static final X509CertificateHolder LEAF = PKI.leaf(KEY.getPublic(), "CN=app.private.example.net,O=Acme",
            "app.private.example.net", "www.private.example.net");
    private final SecretInspector inspector = new SecretInspector();

    @TempDir
    Path dir;

    private static Secret secret(String tlsCrt, String caCrt) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        data.put("tls.crt", tlsCrt.getBytes(StandardCharsets.US_ASCII));
        data.put("tls.key", "-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0\n-----END EC PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        if (caCrt != null) data.put("ca.crt", caCrt.getBytes(StandardCharsets.US_ASCII));
        return new Secret(ObjectMeta.of("web", "app-tls"), null, data);
    }

    @Test
    void describesTheLeafLikeCmctlInspectSecret() throws Exception {
        String text = inspector.describe(secret(PKI.chain(LEAF), PKI.rootPem()), TestCerts.NOW);

        assertThat(text).contains("""
                Valid for:
                \tDNS Names:
                \t\t- app.private.example.net
                \t\t- www.private.example.net
                \tURIs: <none>
                \tIP Addresses: <none>
                \tEmail Addresses: <none>
                \tUsages:
                \t\t- digital signature
                \t\t- key encipherment
                \t\t- server auth
                """);
        assertThat(text).contains("""
                Validity period:
                \tNot Before: Sun, 31 May 2026 12:00:00 UTC
                \tNot After: Sat, 29 Aug 2026 12:00:00 UTC
                \tStatus: valid, expires in 89d0h
                """);
        assertThat(text).contains("""
                Issued By:
                \tCommon Name:\tTest Intermediate
                \tOrganization:\tStamp Tests
                """);
        assertThat(text).contains("""
                Issued For:
                \tCommon Name:\tapp.private.example.net
                \tOrganization:\tAcme
                \tOrganizationalUnit:\t<none>
                \tCountry:\t<none>
                """);
        assertThat(text).contains("\tSigning Algorithm:\tSHA256WITHECDSA\n", "\tPublic Key Algorithm:\tECDSA\n",
                "\tSerial Number:\t" + LEAF.getSerialNumber().toString(16).toUpperCase() + "\n",
                "\tIs a CA certificate: false\n",
                "\tCRL:\thttp://pki.example.net/crl/int.crl\n", "\tOCSP:\thttp://pki.example.net/ocsp\n",
                "\tChain length: 2 certificates in tls.crt, 1 in ca.crt\n",
                "\tTrusted by ca.crt: yes\n");
        assertThat(text).doesNotContain("c2VjcmV0").doesNotContain("PRIVATE KEY");

        Path crt = dir.resolve("leaf.pem");
        Files.writeString(crt, Pem.certificate(LEAF));
        Programs.Result fingerprint = Programs.run("openssl", "x509", "-in", crt.toString(), "-noout", "-fingerprint", "-sha256");
        assertThat(fingerprint.exitCode()).isZero();
        String expected = fingerprint.stdout().trim().replaceFirst("(?i)^sha256 Fingerprint=", "");
        assertThat(text).contains("\tFingerprints:\tSHA-256 " + expected + "\n");
    }

    @Test
    void aCaCrtThatDidNotIssueTheChainIsReportedAsNotTrusted() {
        TestCerts other = new TestCerts();

        String text = inspector.describe(secret(PKI.chain(LEAF), other.rootPem()), TestCerts.NOW);

        assertThat(text).containsPattern("\tTrusted by ca\\.crt: no: .+\n");
    }

    @Test
    void withoutCaCrtTrustCannotBeChecked() {
        String text = inspector.describe(secret(PKI.chain(LEAF), null), TestCerts.NOW);

        assertThat(text).contains("\tChain length: 2 certificates in tls.crt, no ca.crt\n", "\tTrusted by ca.crt: no: the Secret has no ca.crt\n");
    }

    @Test
    void anExpiredLeafIsShownExpiredAndNotTrusted() {
        Instant later = TestCerts.NOT_AFTER.plus(Duration.ofHours(3));

        String text = inspector.describe(secret(PKI.chain(LEAF), PKI.rootPem()), later);

        assertThat(text).contains("\tStatus: expired 3h0m ago\n").containsPattern("\tTrusted by ca\\.crt: no: .*(expired|validity).*\n");
    }

    @Test
    void aLeafThatIsNotYetValidSaysFromWhen() {
        String text = inspector.describe(secret(PKI.chain(LEAF), PKI.rootPem()), TestCerts.NOT_BEFORE.minusSeconds(60));

        assertThat(text).contains("\tStatus: not yet valid (valid from Sun, 31 May 2026 12:00:00 UTC)\n");
    }

    @Test
    void aSecretWithoutTlsCrtIsRefusedByName() {
        Secret empty = new Secret(ObjectMeta.of("web", "app-tls"), null, Map.of());

        assertThatThrownBy(() -> inspector.describe(empty, TestCerts.NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("web/app-tls").hasMessageContaining("tls.crt");
    }
}
