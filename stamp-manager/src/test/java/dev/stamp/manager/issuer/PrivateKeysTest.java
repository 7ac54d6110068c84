package dev.stamp.manager.issuer;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** tls.key files as openssl writes them, in every encoding cert-manager produces. */
class PrivateKeysTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "EC P-256, SEC 1      | BEGIN EC PRIVATE KEY  | EC      | SHA256withECDSA | ecparam -name prime256v1 -genkey -noout -out key.pem",
            "EC P-384, PKCS#8     | BEGIN PRIVATE KEY     | EC      | SHA384withECDSA | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out key.pem",
            "RSA 2048, PKCS#1     | BEGIN RSA PRIVATE KEY | RSA     | SHA256withRSA   | genrsa -traditional -out key.pem 2048",
            "Ed25519, PKCS#8      | BEGIN PRIVATE KEY     | Ed25519 | Ed25519         | genpkey -algorithm ED25519 -out key.pem"})
    void readsKeysOpensslWritesAndPicksCertManagersSignatureAlgorithm(String name, String header, String algorithm, String signature,
                                                                       String opensslArgs, @TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(opensslArgs.split(" ")));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        byte[] pem = Files.readAllBytes(dir.resolve("key.pem"));
        assertThat(new String(pem)).contains(header);

        PrivateKey key = PrivateKeys.parse(pem);

        assertThat(key.getAlgorithm()).isIn(algorithm, algorithm.equals("Ed25519") ? "EdDSA" : algorithm);
        assertThat(SigningKeys.signatureAlgorithm(key)).isEqualTo(signature);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not a key                                                        | no PEM private key found",
            "-----BEGIN CERTIFICATE-----\\nMAA=\\n-----END CERTIFICATE-----\\n | not valid PEM"})
    void somethingElseIsRefusedSayingWhatItWas(String text, String message) {
        assertThatThrownBy(() -> PrivateKeys.parse(text.replace("\\n", "\n").getBytes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
