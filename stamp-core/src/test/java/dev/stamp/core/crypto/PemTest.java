package dev.stamp.core.crypto;

import dev.stamp.core.StampException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemTest {
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 47, 48, 49, 96, 700, 1500})
    void encodesExactlyAsBouncyCastlesPemWriterWithLineFeeds(int size) throws Exception {
        byte[] der = new byte[size];
        new Random(size).nextBytes(der);
        StringWriter expected = new StringWriter();
        try (PemWriter w = new PemWriter(expected)) {
            w.writeObject(new PemObject("CERTIFICATE", der));
        }

        String pem = Pem.encode("CERTIFICATE", der);

        assertThat(pem).isEqualTo(expected.toString().replace("\r\n", "\n"));
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
    }

    private static final byte[] CSR = csr();

    @Test
    void readsAPlainCsrBlockWithAnyLineEndingsAndSurroundingWhitespace() {
        String pem = Pem.encode("CERTIFICATE REQUEST", CSR);

        assertThat(Pem.csrDer(ascii(pem))).isEqualTo(CSR);
        assertThat(Pem.csrDer(ascii("\n  " + pem.replace("\n", "\r\n") + "\r\n\n"))).isEqualTo(CSR);
        assertThat(Pem.csrDer(ascii(Pem.encode("NEW CERTIFICATE REQUEST", CSR)))).isEqualTo(CSR);
    }

    @Test
    void readsWhatThePlainPathLeavesToBouncyCastleTheSameWay() {
        String pem = Pem.encode("CERTIFICATE REQUEST", CSR);

        assertThat(Pem.csrDer(ascii(pem.replaceFirst("-----\n", "-----\nComment: a header\n\n")))).isEqualTo(CSR);
    }

    @Test
    void refusesTwoBlocksAnotherLabelOrBrokenBase64AsMalformedCsrs() {
        String pem = Pem.encode("CERTIFICATE REQUEST", CSR);

        assertThatThrownBy(() -> Pem.csrDer(ascii(pem + pem))).isInstanceOf(StampException.class).hasMessageContaining("expected one PEM block");
        assertThatThrownBy(() -> Pem.csrDer(ascii(Pem.encode("CERTIFICATE", CSR)))).isInstanceOf(StampException.class)
                .hasMessageContaining("'CERTIFICATE REQUEST'");
        String broken = pem.substring(0, 60) + "@@@@" + pem.substring(64);
        assertThatThrownBy(() -> Pem.csr(ascii(broken))).isInstanceOf(StampException.class);
        assertThatThrownBy(() -> Pem.csr(ascii("-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n")))
                .isInstanceOf(StampException.class);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] csr() {
        try {
            var keys = KeyPairGenerator.getInstance("EC");
            keys.initialize(256);
            var pair = keys.generateKeyPair();
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=pem.example.net"), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
