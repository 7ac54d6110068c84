package dev.stamp.core.vault;

import dev.stamp.cli.CliDriver;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.store.Database;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a real {@code stamp init} (SQLite, software vault), no CA private key appears in the clear anywhere under the
 * data directory: neither its PKCS#8 encoding nor its raw secret. Lives in the vault's package to unwrap the stored
 * blobs with the vault's own cipher, which proves the search looks for the real keys.
 */
class KeysAtRestIT {
    @TempDir Path tmp;

    @Test
    void noCaPrivateKeyIsStoredInTheClear() throws Exception {
        Path data = tmp.resolve("data");
        assertThat(CliDriver.run("init", "--data", data.toString(), "--root-key-algorithm", "RSA_2048", "--issuing-key-algorithm", "EC_prime256v1"))
                .isZero();

        byte[] kek = Files.readAllBytes(data.resolve("vault.key"));
        List<CertificateAuthority> cas;
        List<byte[]> secrets = new java.util.ArrayList<>();
        try (Database db = Database.sqlite(data)) {
            cas = db.stores().cas().list();
            for (CertificateAuthority ca : cas) {
                WrappedKey stored = db.stores().keys().get(ca.keyId()).orElseThrow();
                byte[] pkcs8 = new AesGcm(kek, new java.security.SecureRandom())
                        .open(stored.wrapped(), WrapBinding.aad(ca.keyId(), ca.keyAlgorithm(), stored.publicKey()));
                PrivateKey key = KeyFactory.getInstance(ca.keyAlgorithm().jcaName().equals("RSA") ? "RSA" : "EC")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                secrets.add(pkcs8);
                secrets.add(switch (key) {
                    case RSAPrivateCrtKey rsa -> BigIntegers.asUnsignedByteArray(rsa.getPrivateExponent());
                    case ECPrivateKey ec -> BigIntegers.asUnsignedByteArray(ec.getS());
                    default -> throw new IllegalStateException(key.getAlgorithm());
                });
            }
        }
        assertThat(cas).hasSize(2);

        ByteArrayOutputStream everything = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) everything.write(Files.readAllBytes(f));
        }
        byte[] all = everything.toByteArray();
        assertThat(all.length).isGreaterThan(10_000);
        for (byte[] secret : secrets) {
            assertThat(indexOf(all, secret)).as("a CA private key in the clear under " + data).isEqualTo(-1);
        }
        // Control: the search finds what is there.
        assertThat(indexOf(all, java.util.Arrays.copyOfRange(kek, 0, 32))).isNotNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
