package dev.stamp.manager.trust;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** NSS databases with the real certutil (libnss3-tools): the database's own verifier proves a leaf now verifies. */
class NssStoreTest {
    static final String CERTUTIL = "/usr/bin/certutil";

    @TempDir Path tmp;
    TestRoots root = TestRoots.root("Example Root CA");
    Path db;

    @BeforeEach
    void tools() {
        assumeTrue(Files.isExecutable(Path.of(CERTUTIL)), "Debian package libnss3-tools");
        db = tmp.resolve("nssdb");
    }

    TrustEnvironment env() {
        return new TrustEnvironment(tmp.resolve("home"), tmp.resolve("jdk"), Path.of("/"), List.of(Path.of("/usr/bin")));
    }

    List<TrustStore> stores(List<Path> dbs) {
        return TrustStores.select(new TrustSelection(Os.LINUX, Set.of(StoreKind.NSS), dbs, null, null, null), env(), new Processes());
    }

    /** certutil -V -u V: is the leaf (imported with no trust of its own) valid for a TLS server, by the database's anchors? */
    boolean nssVerifiesLeaf() throws Exception {
        Path leaf = TestRoots.writePem(tmp.resolve("leaf.pem"), root.leaf("app.private.example.net"));
        if (!Tools.run(CERTUTIL, "-L", "-d", "sql:" + db, "-n", "leaf").ok()) {
            assertThat(Tools.run(CERTUTIL, "-A", "-d", "sql:" + db, "-n", "leaf", "-t", ",,", "-i", leaf.toString()).exit()).isZero();
        }
        return Tools.run(CERTUTIL, "-V", "-u", "V", "-d", "sql:" + db, "-n", "leaf").ok();
    }

    @Test
    void aGivenDatabaseIsCreatedTrustsTheRootForTlsServersOnceAndUninstallRemovesOnlyStampsNickname() throws Exception {
        TrustStore store = stores(List.of(db)).getFirst();
        TrustRoot trust = root.trustRoot();
        assertThat(store.check(trust)).isInstanceOf(Status.Absent.class);

        assertThat(store.install(trust)).isEqualTo(new Change.Added("nickname '" + trust.alias() + "' (C,,) in " + db));

        assertThat(db.resolve("cert9.db")).exists();
        assertThat(Tools.run(CERTUTIL, "-L", "-d", "sql:" + db).output()).containsPattern(trust.alias() + "\\s+C,,");
        assertThat(store.check(trust)).isInstanceOf(Status.Trusted.class);
        assertThat(nssVerifiesLeaf()).isTrue();
        assertThat(store.install(trust)).isInstanceOf(Change.Unchanged.class);

        assertThat(store.uninstall(trust)).isInstanceOf(Change.Removed.class);
        String listed = Tools.run(CERTUTIL, "-L", "-d", "sql:" + db).output();
        assertThat(listed).doesNotContain(trust.alias()).contains("leaf");
        assertThat(store.check(trust)).isInstanceOf(Status.NotTrusted.class);
        assertThat(nssVerifiesLeaf()).isFalse();
        assertThat(store.uninstall(trust)).isInstanceOf(Change.Unchanged.class);
    }

    @Test
    void theRootTrustedByHandUnderAnotherNicknameIsNeitherDuplicatedNorRemoved() throws Exception {
        assertThat(Tools.run(CERTUTIL, "-N", "-d", "sql:" + Files.createDirectories(db), "--empty-password").exit()).isZero();
        Path pem = TestRoots.writePem(tmp.resolve("root.pem"), root.certificate());
        assertThat(Tools.run(CERTUTIL, "-A", "-d", "sql:" + db, "-n", "Corporate root", "-t", "C,,", "-i", pem.toString()).exit()).isZero();
        TrustStore store = stores(List.of(db)).getFirst();

        assertThat(store.check(root.trustRoot()).detail()).contains("'Corporate root'");
        assertThat(store.install(root.trustRoot())).isInstanceOf(Change.Unchanged.class);
        assertThat(store.uninstall(root.trustRoot())).isInstanceOf(Change.Unchanged.class);
        assertThat(Tools.run(CERTUTIL, "-L", "-d", "sql:" + db).output()).contains("Corporate root").doesNotContain("stamp-");
    }

    @Test
    void withoutAGivenDatabaseTheStoresAreChromiumsAndEveryFirefoxProfile() throws Exception {
        Path home = tmp.resolve("home");
        Path profile = Files.createDirectories(home.resolve(".mozilla/firefox/abcd1234.default-release"));
        Files.createDirectories(home.resolve(".mozilla/firefox/empty.profile")); // no cert9.db: not a store
        assertThat(Tools.run(CERTUTIL, "-N", "-d", "sql:" + profile, "--empty-password").exit()).isZero();

        List<TrustStore> stores = stores(List.of());

        assertThat(stores).extracting(TrustStore::name).containsExactly("nss " + home.resolve(".pki/nssdb"), "nss " + profile);
        TrustRoot trust = root.trustRoot();
        assertThat(stores.get(0).install(trust)).isInstanceOf(Change.Absent.class); // Chromium never ran: not created
        assertThat(home.resolve(".pki")).doesNotExist();
        assertThat(stores.get(1).install(trust)).isInstanceOf(Change.Added.class);
        assertThat(stores.get(1).check(trust)).isInstanceOf(Status.Trusted.class);
    }
}
