package dev.stamp.manager.trust;

import dev.stamp.core.StampException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Java truststore: checked with the JDK's keytool and a PKIX validation of a TLS server leaf. */
class JavaTrustStoreTest {
    static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    static final String KEYTOOL = JAVA_HOME.resolve("bin/keytool").toString();

    @TempDir Path tmp;
    TestRoots root = TestRoots.root("Example Root CA");

    TrustStore store(Path file, String password) {
        return TrustStores.select(new TrustSelection(Os.LINUX, Set.of(StoreKind.JAVA), List.of(), file, password, null),
                new TrustEnvironment(tmp, JAVA_HOME, Path.of("/"), List.of()), new Processes()).getFirst();
    }

    static Commands.Result keytool(Path file, String... more) {
        List<String> cmd = new java.util.ArrayList<>(List.of(KEYTOOL, "-list", "-keystore", file.toString(), "-storepass", "changeit"));
        cmd.addAll(List.of(more));
        return Tools.run(cmd.toArray(String[]::new));
    }

    /** A real PKIX validation of a TLS server chain, as a Java client does it. */
    static boolean javaTrusts(Path file, X509Certificate leaf, X509Certificate root) throws Exception {
        KeyStore ks = KeyStore.getInstance(file.toFile(), "changeit".toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        try {
            ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(new X509Certificate[] {leaf, root}, "ECDHE_ECDSA");
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }

    @Test
    void theJdksCacertsCopyBehindALinkGetsTheRootUnderStampsAliasOnceKeepingTypeLinkAndPermissions() throws Exception {
        // as on Debian: the JDK's cacerts is a link to the system's file
        Path real = Files.copy(JAVA_HOME.resolve("lib/security/cacerts"), tmp.resolve("system-cacerts"));
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path cacerts = Files.createSymbolicLink(tmp.resolve("cacerts"), real);
        String type = KeyStore.getInstance(cacerts.toFile(), "changeit".toCharArray()).getType();
        int before = KeyStore.getInstance(cacerts.toFile(), "changeit".toCharArray()).size();
        TrustRoot trust = root.trustRoot();
        X509Certificate leaf = root.leaf("app.private.example.net");
        TrustStore store = store(cacerts, "changeit");
        assertThat(store.check(trust)).isInstanceOf(Status.NotTrusted.class);
        assertThat(javaTrusts(cacerts, leaf, root.certificate())).isFalse();

        assertThat(store.install(trust)).isInstanceOf(Change.Added.class);

        Commands.Result listed = keytool(cacerts, "-alias", trust.alias(), "-v");
        assertThat(listed.exit()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("trustedCertEntry").contains(trust.fingerprint().colons());
        assertThat(keytool(cacerts).output()).containsIgnoringCase("Keystore type: " + type);
        assertThat(Files.isSymbolicLink(cacerts)).isTrue();
        assertThat(Files.getPosixFilePermissions(real)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(javaTrusts(cacerts, leaf, root.certificate())).isTrue();
        assertThat(store.check(trust)).isEqualTo(new Status.Trusted("alias " + trust.alias() + " in " + cacerts));

        assertThat(store.install(trust)).isInstanceOf(Change.Unchanged.class);
        assertThat(KeyStore.getInstance(cacerts.toFile(), "changeit".toCharArray()).size()).isEqualTo(before + 1);

        assertThat(store.uninstall(trust)).isInstanceOf(Change.Removed.class);
        assertThat(keytool(cacerts, "-alias", trust.alias()).exit()).isNotZero();
        assertThat(KeyStore.getInstance(cacerts.toFile(), "changeit".toCharArray()).size()).isEqualTo(before);
        assertThat(javaTrusts(cacerts, leaf, root.certificate())).isFalse();
        assertThat(store.uninstall(trust)).isInstanceOf(Change.Unchanged.class);
    }

    @Test
    void aJksStoreStaysJksAndItsOtherEntriesStay() throws Exception {
        Path jks = tmp.resolve("trust.jks");
        Path other = TestRoots.writePem(tmp.resolve("other.pem"), TestRoots.root("Other Root").certificate());
        Commands.Result made = Tools.run(KEYTOOL, "-importcert", "-noprompt", "-storetype", "JKS", "-keystore", jks.toString(),
                "-storepass", "changeit", "-alias", "other", "-file", other.toString());
        assertThat(made.exit()).as(made.output()).isZero();
        TrustStore store = store(jks, "changeit");

        store.install(root.trustRoot());

        assertThat(keytool(jks).output()).contains("Keystore type: JKS").contains("other,").contains(root.trustRoot().alias() + ",");
        assertThat(javaTrusts(jks, root.leaf("app.private.example.net"), root.certificate())).isTrue();
        store.uninstall(root.trustRoot());
        assertThat(keytool(jks).output()).contains("Keystore type: JKS").contains("other,").doesNotContain("stamp-");
    }

    @Test
    void theRootAlreadyThereUnderAnotherAliasIsNeitherDuplicatedNorRemoved() throws Exception {
        Path file = tmp.resolve("trust.p12");
        Path pem = TestRoots.writePem(tmp.resolve("root.pem"), root.certificate());
        assertThat(Tools.run(KEYTOOL, "-importcert", "-noprompt", "-keystore", file.toString(), "-storepass", "changeit", "-alias", "mine", "-file", pem.toString()).exit()).isZero();
        TrustStore store = store(file, "changeit");

        assertThat(store.check(root.trustRoot()).detail()).contains("alias mine");
        assertThat(store.install(root.trustRoot())).isEqualTo(new Change.Unchanged("trusted already as alias mine in " + file));
        assertThat(store.uninstall(root.trustRoot())).isInstanceOf(Change.Unchanged.class);
        assertThat(keytool(file, "-alias", "mine").exit()).isZero();
    }

    @Test
    void aGivenFileThatDoesNotExistIsCreatedAsPkcs12() throws Exception {
        Path file = tmp.resolve("new/app-truststore.p12");
        Files.createDirectories(file.getParent());
        TrustStore store = store(file, "changeit");
        assertThat(store.check(root.trustRoot())).isInstanceOf(Status.Absent.class);

        assertThat(store.install(root.trustRoot())).isInstanceOf(Change.Added.class);

        assertThat(keytool(file).output()).contains("Keystore type: PKCS12").contains("1 entry");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "changeitt"})
    void aWrongPasswordIsRefusedNamingTheFile(String password) throws Exception {
        Path cacerts = tmp.resolve("small.p12");
        store(cacerts, "changeit").install(TestRoots.root("Other Root").trustRoot());
        byte[] before = Files.readAllBytes(cacerts);

        assertThatThrownBy(() -> store(cacerts, password).install(root.trustRoot()))
                .isInstanceOf(StampException.class).hasMessageContaining("password").hasMessageContaining(cacerts.toString());
        assertThat(Files.readAllBytes(cacerts)).isEqualTo(before);
    }

    @Test
    void withoutAGivenFileTheStoreIsTheJdksCacerts() {
        Path jdk = tmp.resolve("jdk");
        TrustStore store = TrustStores.select(new TrustSelection(Os.LINUX, Set.of(StoreKind.JAVA), List.of(), null, null, null),
                new TrustEnvironment(tmp, jdk, Path.of("/"), List.of()), new Processes()).getFirst();
        assertThat(store.name()).isEqualTo("java " + jdk.resolve("lib/security/cacerts"));
        // a JDK without cacerts is reported, and never given a new one
        assertThat(store.install(root.trustRoot())).isInstanceOf(Change.Absent.class);
        assertThat(jdk).doesNotExist();
    }
}
