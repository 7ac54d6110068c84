package dev.stamp.server;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's own API certificate from PEM files, reloaded when an external tool rotates them. */
class TlsFromFilesTest {
    @TempDir Path tmp;

    private Path cert() { return tmp.resolve("chain.pem"); }
    private Path key() { return tmp.resolve("key.pem"); }
    private Path passphrase() { return tmp.resolve("key.pass"); }

    private TlsMaterial operatorCertificate(TestServer s, String cn) {
        return TestCertificates.issue(s.testPki.pki, s.root.id(), "EndEntityServerAuthCertificate/V1", "CN=" + cn, "localhost", cn);
    }

    private void write(TlsMaterial m, boolean chain, boolean key) throws Exception {
        if (chain) {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate c : m.chain()) pem.append(Pem.encode("CERTIFICATE", c.getEncoded()));
            Files.writeString(cert(), pem);
        }
        if (key) {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .setPassword(Files.readString(passphrase()).strip().toCharArray()).build();
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(new JcaPKCS8Generator(m.key(), encryptor));
            }
            Files.writeString(key(), out.toString());
        }
    }

    private TestServer serverOnFiles(TlsMaterial[] first) {
        return new TestServer(1000, (server, context) -> {
            try {
                Files.writeString(passphrase(), "correct horse\n");
                first[0] = operatorCertificate(server, "api.example");
                write(first[0], true, true);
                TlsFiles files = new TlsFiles(cert(), key(), passphrase());
                return context.withTls(files.load(), TlsRefresh.watching(files, Duration.ofSeconds(10)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void servesTheChainFromTheFilesAndReloadsItWhenTheyChange() throws Exception {
        TlsMaterial[] first = new TlsMaterial[1];
        try (TestServer s = serverOnFiles(first)) {
            assertThat(s.servedCertificate().getSerialNumber()).isEqualTo(first[0].chain().getFirst().getSerialNumber());
            assertThat(s.get("/cas", s.admin).statusCode()).as("the client verifies it against the root").isEqualTo(200);
            assertThat(s.server.renewTlsIfDue()).as("files unchanged").isFalse();

            TlsMaterial rotated = operatorCertificate(s, "api.example");
            write(rotated, true, true);
            assertThat(s.server.renewTlsIfDue()).isTrue();
            assertThat(s.servedCertificate().getSerialNumber()).isEqualTo(rotated.chain().getFirst().getSerialNumber());
            assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
            assertThat(s.server.renewTlsIfDue()).isFalse();
        }
    }

    @Test
    void aHalfWrittenRotationKeepsTheCurrentCertificateUntilTheKeyArrives() throws Exception {
        TlsMaterial[] first = new TlsMaterial[1];
        try (TestServer s = serverOnFiles(first)) {
            TlsMaterial rotated = operatorCertificate(s, "api.example");
            write(rotated, true, false); // the new chain, still the old key
            assertThat(s.server.renewTlsIfDue()).isFalse();
            assertThat(s.servedCertificate().getSerialNumber()).isEqualTo(first[0].chain().getFirst().getSerialNumber());
            write(rotated, false, true);
            assertThat(s.server.renewTlsIfDue()).isTrue();
            assertThat(s.servedCertificate().getSerialNumber()).isEqualTo(rotated.chain().getFirst().getSerialNumber());
        }
    }

    @Test
    void unusableFilesAreRefusedNamingTheFile() throws Exception {
        TlsMaterial[] first = new TlsMaterial[1];
        try (TestServer s = serverOnFiles(first)) {
            assertThatThrownBy(() -> new TlsFiles(cert(), key(), null).load())
                    .hasMessageContaining(key() + " is encrypted: give its passphrase file");
            Path wrong = tmp.resolve("wrong.pass");
            Files.writeString(wrong, "not it\n");
            assertThatThrownBy(() -> new TlsFiles(cert(), key(), wrong).load())
                    .hasMessageContaining("cannot read the TLS private key " + key()).hasMessageNotContaining("not it");
            Path other = tmp.resolve("other.pem");
            Files.writeString(other, Pem.encode("PRIVATE KEY", operatorCertificate(s, "x.example").key().getEncoded()));
            assertThatThrownBy(() -> new TlsFiles(cert(), other, null).load())
                    .hasMessageContaining("the key in " + other + " does not belong to the first certificate in " + cert());
            Path empty = tmp.resolve("empty.pem");
            Files.writeString(empty, "");
            assertThatThrownBy(() -> new TlsFiles(empty, key(), passphrase()).load()).hasMessageContaining(empty.toString());
        }
    }

}
