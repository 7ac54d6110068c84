package dev.stamp.manager.secret;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.testing.Programs;
import dev.stamp.manager.testing.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;

class SecretDirectoryTest {
    private static final TestCerts PKI = new TestCerts();

    @TempDir
    Path root;

    /** A real certificate and key pair, so that readers can check that what they read belongs together. */
    private record Issued(String crt, String key) {
        static Issued fresh(String cn) {
            KeyPair key = TestCerts.p256();
            return new Issued(PKI.chain(PKI.leaf(key.getPublic(), "CN=" + cn, cn + ".example.net")),
                    PrivateKeys.encode(key.getPrivate(), PrivateKeyEncoding.PKCS1));
        }

        Secret secret(Map<String, String> extra) {
            Map<String, byte[]> data = new LinkedHashMap<>();
            data.put("tls.crt", crt.getBytes(StandardCharsets.US_ASCII));
            data.put("tls.key", key.getBytes(StandardCharsets.US_ASCII));
            extra.forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.US_ASCII)));
            return new Secret(new ObjectMeta("app-tls", "web", Map.of("controller.cert-manager.io/fao", "true"),
                    Map.of("cert-manager.io/certificate-name", "app")), Secret.TLS_TYPE, data);
        }
    }

    private static boolean pairMatches(String crt, String key) {
        byte[] certificateKey = Pem.certificates(crt.getBytes(StandardCharsets.US_ASCII)).getFirst()
                .getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        byte[] privateKeysPublic = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                .getInstance(PrivateKeys.decode(key).getPublic().getEncoded()).getPublicKeyData().getBytes();
        return java.util.Arrays.equals(certificateKey, privateKeysPublic);
    }

    @Test
    void aWrittenSecretIsReadBackWithItsTypeLabelsAnnotationsAndData() {
        SecretDirectory out = new SecretDirectory(root);
        Secret secret = Issued.fresh("app").secret(Map.of("ca.crt", PKI.rootPem()));

        out.write(secret);
        Secret read = out.get("web", "app-tls").orElseThrow();

        assertThat(read.metadata()).isEqualTo(secret.metadata());
        assertThat(read.type()).isEqualTo(Secret.TLS_TYPE);
        assertThat(read.data().keySet()).containsExactlyInAnyOrderElementsOf(secret.data().keySet());
        secret.data().forEach((k, v) -> assertThat(read.data().get(k)).as(k).isEqualTo(v));
        assertThat(out.get("web", "other")).isEmpty();
        assertThat(out.get("other", "app-tls")).isEmpty();
    }

    @Test
    void theLayoutIsAtomicWritersDataLinkWithVisibleLinksAndPrivateKeysAre0600() throws Exception {
        SecretDirectory out = new SecretDirectory(root);
        out.write(Issued.fresh("app").secret(Map.of("ca.crt", PKI.rootPem(), "key.der", "k", "keystore.p12", "p", "truststore.p12", "t")));
        Path dir = root.resolve("web/app-tls");

        assertThat(out.pathOf("web", "app-tls")).isEqualTo(dir);
        assertThat(Files.isSymbolicLink(dir.resolve("..data"))).isTrue();
        Path generation = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));
        assertThat(generation.getFileName().toString()).startsWith("..");
        for (String key : List.of("tls.crt", "tls.key", "ca.crt", "key.der", "keystore.p12", "truststore.p12")) {
            assertThat(Files.readSymbolicLink(dir.resolve(key))).as(key).isEqualTo(Path.of("..data", key));
        }
        assertThat(mode(generation.resolve("tls.key"))).isEqualTo("rw-------");
        assertThat(mode(generation.resolve("key.der"))).isEqualTo("rw-------");
        assertThat(mode(generation.resolve("keystore.p12"))).isEqualTo("rw-------");
        assertThat(mode(generation.resolve("tls.crt"))).isEqualTo("rw-r--r--");
        assertThat(mode(generation.resolve("ca.crt"))).isEqualTo("rw-r--r--");
        assertThat(mode(generation.resolve("truststore.p12"))).isEqualTo("rw-r--r--");
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
        assertThat(mode(generation)).isEqualTo("rwxr-xr-x");
        assertThat(Files.exists(generation.resolve("..secret-metadata.json"))).isTrue();

        Programs.Result openssl = Programs.run("openssl", "pkey", "-in", dir.resolve("tls.key").toString(), "-noout");
        assertThat(openssl.exitCode()).as(openssl.all()).isZero();
    }

    @Test
    void aNewGenerationReplacesTheOldOneAndKeysThatAreGoneDisappear() throws Exception {
        SecretDirectory out = new SecretDirectory(root);
        out.write(Issued.fresh("one").secret(Map.of("ca.crt", PKI.rootPem(), "tls-combined.pem", "x")));
        Issued second = Issued.fresh("two");

        out.write(second.secret(Map.of()));

        Path dir = root.resolve("web/app-tls");
        assertThat(Files.readString(dir.resolve("tls.crt"))).isEqualTo(second.crt());
        assertThat(dir.resolve("ca.crt")).doesNotExist();
        assertThat(Files.exists(dir.resolve("tls-combined.pem"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(out.get("web", "app-tls").orElseThrow().data()).containsOnlyKeys("tls.crt", "tls.key");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("..")).toList())
                    .hasSize(2).contains("..data"); // ..data and the one live generation
        }
    }

    @Test
    void readersOpeningVisiblePathsNeverSeeAMismatchedPairWithinOneGeneration() throws Exception {
        SecretDirectory out = new SecretDirectory(root);
        List<Issued> issued = List.of(Issued.fresh("a"), Issued.fresh("b"), Issued.fresh("c"));
        out.write(issued.getFirst().secret(Map.of()));
        Path dir = root.resolve("web/app-tls");
        int swaps = 60;
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<int[]> reader = pool.submit(() -> {
                int consistent = 0, straddled = 0;
                while (writing.get() || consistent == 0) {
                    Path before = Files.readSymbolicLink(dir.resolve("..data"));
                    String crt = Files.readString(dir.resolve("tls.crt"));
                    String key = Files.readString(dir.resolve("tls.key"));
                    Path after = Files.readSymbolicLink(dir.resolve("..data"));
                    // Every file is whole, whatever generation it came from.
                    assertThat(issued.stream().map(Issued::crt)).contains(crt);
                    assertThat(issued.stream().map(Issued::key)).contains(key);
                    if (before.equals(after)) {
                        assertThat(pairMatches(crt, key)).as("tls.crt and tls.key of generation " + before).isTrue();
                        consistent++;
                    } else {
                        straddled++;
                    }
                }
                return new int[]{consistent, straddled};
            });
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int i = 1; i <= swaps; i++) out.write(issued.get(i % issued.size()).secret(Map.of()));
                } finally {
                    writing.set(false);
                }
                return null;
            });
            writer.get(120, TimeUnit.SECONDS);
            int[] counts = reader.get(120, TimeUnit.SECONDS);
            assertThat(counts[0]).isPositive();
        } finally {
            pool.shutdownNow();
        }
        Secret last = out.get("web", "app-tls").orElseThrow();
        assertThat(new String(last.data().get("tls.crt"), StandardCharsets.US_ASCII)).isEqualTo(issued.get(swaps % issued.size()).crt());
    }

    @Test
    void getReadsOneGenerationEvenWhileAWriterSwaps() throws Exception {
        SecretDirectory out = new SecretDirectory(root);
        List<Issued> issued = List.of(Issued.fresh("a"), Issued.fresh("b"));
        out.write(issued.getFirst().secret(Map.of()));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 1; i <= 40; i++) out.write(issued.get(i % 2).secret(Map.of()));
                return null;
            });
            int reads = 0;
            while (!writer.isDone() || reads == 0) {
                Secret s = out.get("web", "app-tls").orElseThrow();
                assertThat(pairMatches(new String(s.data().get("tls.crt"), StandardCharsets.US_ASCII),
                        new String(s.data().get("tls.key"), StandardCharsets.US_ASCII))).isTrue();
                reads++;
            }
            writer.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteToADirectoryThatCannotBeWrittenFailsNamingThePathAndKeepsTheOldContent() throws Exception {
        SecretDirectory out = new SecretDirectory(root);
        Issued first = Issued.fresh("first");
        out.write(first.secret(Map.of()));
        Path dir = root.resolve("web/app-tls");
        List<String> before = listing(dir);

        makeUnwritable(dir);
        try {
            assertThatThrownBy(() -> out.write(Issued.fresh("second").secret(Map.of())))
                    .isInstanceOf(SecretDirectoryException.class)
                    .hasMessageContaining("web/app-tls")
                    .hasMessageContaining(dir.toString());
        } finally {
            makeWritable(dir);
        }

        assertThat(listing(dir)).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("tls.crt"))).isEqualTo(first.crt());
        assertThat(Files.readString(dir.resolve("tls.key"))).isEqualTo(first.key());
    }

    @Test
    void aNewSecretUnderAnUnwritableRootLeavesNoDirectoryBehind() throws Exception {
        Files.createDirectories(root.resolve("out"));
        SecretDirectory out = new SecretDirectory(root.resolve("out"));
        makeUnwritable(root.resolve("out"));
        try {
            assertThatThrownBy(() -> out.write(Issued.fresh("x").secret(Map.of())))
                    .isInstanceOf(SecretDirectoryException.class)
                    .hasMessageContaining(root.resolve("out/web/app-tls").toString());
        } finally {
            makeWritable(root.resolve("out"));
        }
        assertThat(listing(root.resolve("out"))).isEmpty();
    }

    @Test
    void aFailedSwitchRemovesTheHalfWrittenGeneration() throws Exception {
        SecretDirectory out = new SecretDirectory(root);
        Issued first = Issued.fresh("first");
        out.write(first.secret(Map.of()));
        Path dir = root.resolve("web/app-tls");
        List<String> before = listing(dir);
        // A non-empty directory where the writer puts its temporary link: the generation is written, the switch fails.
        Files.createDirectories(dir.resolve("..data_tmp/blocker"));

        assertThatThrownBy(() -> out.write(Issued.fresh("second").secret(Map.of())))
                .isInstanceOf(SecretDirectoryException.class).hasMessageContaining("web/app-tls");

        List<String> after = listing(dir);
        after.remove("..data_tmp");
        assertThat(after).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("tls.crt"))).isEqualTo(first.crt());
    }

    @Test
    void deleteRemovesTheWholeSecret() {
        SecretDirectory out = new SecretDirectory(root);
        out.write(Issued.fresh("app").secret(Map.of()));

        assertThat(out.delete("web", "app-tls")).isTrue();

        assertThat(out.get("web", "app-tls")).isEmpty();
        assertThat(root.resolve("web/app-tls")).doesNotExist();
        assertThat(root.resolve("web").toFile().list()).isEmpty();
        assertThat(out.delete("web", "app-tls")).isFalse();
    }

    @Test
    void aPlainDirectoryOfFilesIsReadAsASecret() throws Exception {
        Path dir = Files.createDirectories(root.resolve("cert-manager/root-ca"));
        Files.writeString(dir.resolve("tls.crt"), PKI.rootPem());
        Files.writeString(dir.resolve("tls.key"), "key");
        Files.writeString(dir.resolve(".hidden"), "not data");

        Secret secret = new SecretDirectory(root).get("cert-manager", "root-ca").orElseThrow();

        assertThat(secret.data()).containsOnlyKeys("tls.crt", "tls.key");
        assertThat(secret.metadata().name()).isEqualTo("root-ca");
    }

    @ParameterizedTest(name = "{0} ''{1}'' is refused")
    @CsvSource({
            "namespace, ../etc",
            "namespace, Web",
            "name,      a/b",
            "name,      ..",
            "key,       ..data",
            "key,       a/b",
            "key,       ..secret-metadata.json",
    })
    void namesAndKeysThatAreNotSafeFileNamesAreRefused(String what, String value) {
        SecretDirectory out = new SecretDirectory(root);
        Secret secret = switch (what) {
            case "namespace" -> new Secret(ObjectMeta.of(value, "app"), null, Map.of("tls.crt", new byte[1]));
            case "name" -> new Secret(ObjectMeta.of("web", value), null, Map.of("tls.crt", new byte[1]));
            default -> new Secret(ObjectMeta.of("web", "app"), null, Map.of(value, new byte[1]));
        };

        assertThatThrownBy(() -> out.write(secret)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(value);
        assertThat(root.toFile().list()).isEmpty();
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return new ArrayList<>(entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** chmod is enough for other users; root ignores it, so there the directory is made immutable (ext4, xfs). */
    private static void makeUnwritable(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (canCreateIn(dir)) {
            Programs.Result r = Programs.run("chattr", "+i", dir.toString());
            if (r.exitCode() != 0 || canCreateIn(dir)) {
                makeWritable(dir);
                abort("cannot make " + dir + " unwritable here (running as root without chattr): " + r.all());
            }
        }
    }

    private static void makeWritable(Path dir) throws Exception {
        Programs.run("chattr", "-i", dir.toString());
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
