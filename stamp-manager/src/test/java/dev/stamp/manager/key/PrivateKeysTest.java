package dev.stamp.manager.key;

import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.testing.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrivateKeysTest {
    private final PrivateKeys keys = new PrivateKeys(new SecureRandom());

    @TempDir
    Path dir;

    private static PrivateKeySpec spec(PrivateKeyAlgorithm algorithm, int size, PrivateKeyEncoding encoding) {
        return new PrivateKeySpec(algorithm, size, encoding, RotationPolicy.Always);
    }

    @ParameterizedTest(name = "{0} {1} in {2} is written as {3} and read back by us and by openssl")
    @CsvSource({
            "RSA,     2048, PKCS1, RSA PRIVATE KEY",
            "RSA,     2048, PKCS8, PRIVATE KEY",
            "ECDSA,   256,  PKCS1, EC PRIVATE KEY",
            "ECDSA,   384,  PKCS8, PRIVATE KEY",
            "ECDSA,   521,  PKCS1, EC PRIVATE KEY",
            "ECDSA,   0,    PKCS8, PRIVATE KEY",
            "Ed25519, 0,    PKCS1, PRIVATE KEY",
            "Ed25519, 0,    PKCS8, PRIVATE KEY",
    })
    void generatedKeysMatchTheirSpecAndRoundTripThroughPem(PrivateKeyAlgorithm algorithm, int size, PrivateKeyEncoding encoding,
                                                          String pemType) throws Exception {
        PrivateKeySpec spec = spec(algorithm, size, encoding);
        KeyPair pair = keys.generate(spec);
        assertThat(PrivateKeys.matches(spec, pair.getPrivate())).isTrue();

        String pem = PrivateKeys.encode(pair.getPrivate(), encoding);
        assertThat(pem).startsWith("-----BEGIN " + pemType + "-----\n");
        KeyPair decoded = PrivateKeys.decode(pem);
        assertSameKey(decoded.getPrivate(), pair.getPrivate());
        assertThat(decoded.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(PrivateKeys.matches(spec, decoded.getPrivate())).isTrue();
        // A key read back (a restart mid-issuance, rotationPolicy Never) must build a CSR like a fresh one.
        dev.stamp.manager.testing.SpecBuilder csrSpec = dev.stamp.manager.testing.SpecBuilder.spec();
        csrSpec.commonName = "restart.example.test";
        csrSpec.privateKey = spec;
        assertThat(new CsrBuilder(new java.security.SecureRandom()).build(csrSpec.build(), decoded))
                .startsWith("-----BEGIN CERTIFICATE REQUEST-----");

        Path file = dir.resolve("key.pem");
        Files.writeString(file, pem);
        Programs.Result check = Programs.run("openssl", "pkey", "-in", file.toString(), "-pubout", "-outform", "DER", "-out", dir.resolve("pub.der").toString());
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("pub.der"))).isEqualTo(pair.getPublic().getEncoded());

        byte[] der = PrivateKeys.der(pair.getPrivate(), encoding);
        Files.write(dir.resolve("key.der"), der);
        String type = pemType.equals("PRIVATE KEY") ? "PKCS8" : pemType.startsWith("RSA") ? "RSA" : "EC";
        Programs.Result derCheck = Programs.run("openssl", type.equals("PKCS8") ? "pkey" : type.equals("RSA") ? "rsa" : "ec",
                "-inform", "DER", "-in", dir.resolve("key.der").toString(), "-noout");
        assertThat(derCheck.exitCode()).as(derCheck.all()).isZero();
    }

    /** Providers differ in optional PKCS#8 fields (EC parameters, public key), so EC keys compare by their scalar. */
    private static void assertSameKey(java.security.PrivateKey actual, java.security.PrivateKey expected) {
        if (expected instanceof ECPrivateKey ec) {
            assertThat(((ECPrivateKey) actual).getS()).isEqualTo(ec.getS());
            assertThat(((ECPrivateKey) actual).getParams().getCurve()).isEqualTo(ec.getParams().getCurve());
        } else {
            assertThat(actual.getEncoded()).isEqualTo(expected.getEncoded());
        }
    }

    @Test
    void rsaKeysHaveTheRequestedModulusAndEcdsaKeysTheRequestedCurve() {
        KeyPair rsa = keys.generate(PrivateKeySpec.DEFAULT);
        assertThat(((RSAPrivateKey) rsa.getPrivate()).getModulus().bitLength()).isEqualTo(2048);
        KeyPair ec = keys.generate(spec(PrivateKeyAlgorithm.ECDSA, 384, PrivateKeyEncoding.PKCS1));
        assertThat(((ECPrivateKey) ec.getPrivate()).getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
    }

    @ParameterizedTest(name = "a {0} key does not match a spec for {1} {2}")
    @CsvSource({
            "P-256,   ECDSA,   384",
            "P-256,   RSA,     2048",
            "P-256,   Ed25519, 0",
            "Ed25519, ECDSA,   256",
            "RSA2048, RSA,     4096",
            "RSA2048, ECDSA,   256",
    })
    void keysOfAnotherAlgorithmOrSizeDoNotMatch(String have, PrivateKeyAlgorithm algorithm, int size) {
        KeyPair key = switch (have) {
            case "P-256" -> keys.generate(spec(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS1));
            case "Ed25519" -> keys.generate(spec(PrivateKeyAlgorithm.Ed25519, 0, PrivateKeyEncoding.PKCS8));
            default -> keys.generate(PrivateKeySpec.DEFAULT);
        };
        assertThat(PrivateKeys.matches(spec(algorithm, size, PrivateKeyEncoding.PKCS1), key.getPrivate())).isFalse();
    }

    @Test
    void anEd448KeyIsNotAnEd25519Key() throws Exception {
        java.security.KeyPair ed448 = java.security.KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThat(PrivateKeys.matches(spec(PrivateKeyAlgorithm.Ed25519, 0, PrivateKeyEncoding.PKCS8), ed448.getPrivate())).isFalse();
    }

    @ParameterizedTest(name = "openssl genpkey {0} in {1} is read with its public key")
    @CsvSource({
            "EC -pkeyopt ec_paramgen_curve:P-384, traditional",
            "EC -pkeyopt ec_paramgen_curve:P-256, PKCS8",
            "ED25519, PKCS8",
            "RSA -pkeyopt rsa_keygen_bits:2048, traditional",
    })
    void keysWrittenByOpensslAreRead(String algorithm, String format) throws Exception {
        Path file = dir.resolve("openssl.pem");
        String[] alg = algorithm.split(" ");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("openssl", "genpkey", "-algorithm"));
        cmd.addAll(java.util.List.of(alg));
        cmd.addAll(java.util.List.of("-out", file.toString()));
        assertThat(Programs.run(cmd.toArray(String[]::new)).exitCode()).isZero();
        if (format.equals("traditional")) {
            String tool = alg[0].equals("EC") ? "ec" : "rsa";
            Programs.Result r = Programs.run("openssl", tool, "-in", file.toString(), "-out", file.toString(), "-traditional");
            if (r.exitCode() != 0) r = Programs.run("openssl", tool, "-in", file.toString(), "-out", file.toString());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(Files.readString(file)).contains("BEGIN " + (tool.equals("ec") ? "EC" : "RSA") + " PRIVATE KEY");
        }
        Programs.Result pub = Programs.run("openssl", "pkey", "-in", file.toString(), "-pubout", "-outform", "DER", "-out", dir.resolve("pub.der").toString());
        assertThat(pub.exitCode()).as(pub.all()).isZero();

        KeyPair read = PrivateKeys.decode(Files.readString(file));
        assertThat(read.getPublic().getEncoded()).isEqualTo(Files.readAllBytes(dir.resolve("pub.der")));
    }

    @Test
    void pemWithoutAnUnencryptedPrivateKeyIsRefused() {
        assertThatThrownBy(() -> PrivateKeys.decode("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private key");
        assertThatThrownBy(() -> PrivateKeys.decode("not pem"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no unencrypted private key");
    }

    @ParameterizedTest(name = "{0} {1} is refused naming the size")
    @CsvSource({"ECDSA, 300", "RSA, 1024", "RSA, 16384"})
    void unsupportedSizesAreRefusedNamingTheSize(PrivateKeyAlgorithm algorithm, int size) {
        assertThatThrownBy(() -> keys.generate(spec(algorithm, size, PrivateKeyEncoding.PKCS1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(size));
    }
}
