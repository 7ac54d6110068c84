package dev.stamp.cli;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {
    @TempDir Path tmp;
    Path data;
    Path passphrase;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        data = tmp.resolve("data");
        passphrase = tmp.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery staple\n");
        cli = new Cli(data, passphrase);
    }

    @Test
    void initCreatesRootAndIssuingCaAndIssuesAKubernetesStyleSecretDirectory() throws IOException {
        Cli.Result init = cli.run("init", "--name", "Example");
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("root CA:", "issuing CA:", "root SHA-256 fingerprint:");

        Path out = tmp.resolve("app");
        Cli.Result issue = cli.run("cert", "issue", "--dns", "app.private.example.net", "--ip", "10.0.0.7", "--out", out.toString());
        assertThat(issue.exit()).as(issue.err()).isZero();

        List<X509CertificateHolder> tlsCrt = Pem.certificates(Files.readAllBytes(out.resolve("tls.crt")));
        List<X509CertificateHolder> caCrt = Pem.certificates(Files.readAllBytes(out.resolve("ca.crt")));
        assertThat(tlsCrt).hasSize(2);
        assertThat(tlsCrt.get(0).getSubject().toString()).isEqualTo("CN=app.private.example.net");
        assertThat(tlsCrt.get(1).getSubject().toString()).isEqualTo("CN=Example Issuing CA,O=Example");
        assertThat(caCrt).singleElement().satisfies(root -> assertThat(root.getSubject().toString()).isEqualTo("CN=Example Root CA,O=Example"));
        assertThat(Files.getPosixFilePermissions(out.resolve("tls.key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(out.resolve("tls.key"))).startsWith("-----BEGIN PRIVATE KEY-----");

        Cli.Result list = cli.run("cert", "list");
        assertThat(list.out()).contains("CN=app.private.example.net");
        assertThat(cli.run("audit", "verify").out()).contains("audit chain intact");
    }

    @Test
    void initRefusesToInitialiseTwice() {
        assertThat(cli.run("init").exit()).isZero();
        Cli.Result again = cli.run("init");
        assertThat(again.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("initialised already").doesNotContain("Exception");
    }

    @Test
    void malformedPemCsrIsOneClearLineAndNonZeroExit() throws IOException {
        cli.run("init");
        Path csr = tmp.resolve("bad.csr");
        Files.writeString(csr, "-----BEGIN CERTIFICATE REQUEST-----\nnot base64 at all!\n-----END CERTIFICATE REQUEST-----\n");
        Cli.Result r = cli.run("cert", "issue", "--csr", csr.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("stamp: ").contains("PEM"));
    }

    @Test
    void malformedDerCertificateImportIsOneClearLine() throws IOException {
        cli.run("init");
        String pending = cli.run("ca", "create", "--type", "SUBORDINATE", "--subject", "CN=External", "--external").out().strip();
        Path cert = tmp.resolve("bad.der");
        Files.write(cert, new byte[] {0x30, 0x03, 0x02, 0x01});
        Cli.Result r = cli.run("ca", "import", pending, "--certificate", cert.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l).contains("not a valid X.509 certificate"));
    }

    @Test
    void wrongPassphraseIsRefusedClearly() throws IOException {
        cli.run("init");
        Path wrong = tmp.resolve("wrong");
        Files.writeString(wrong, "not the passphrase");
        Cli.Result r = new Cli(data, wrong).run("cert", "issue", "--dns", "x.example.net", "--out", tmp.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l).contains("passphrase"));
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void corruptedKeyBlobIsRefusedNamingTheKey() throws Exception {
        cli.run("init");
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("stamp.db"))) {
            try (var s = db.createStatement()) {
                // Flip bits in every wrapped key: the AES-GCM tag must catch it.
                int changed = s.executeUpdate("UPDATE wrapped_keys SET wrapped = randomblob(length(wrapped))");
                assertThat(changed).isEqualTo(2);
            }
        }
        Cli.Result r = cli.run("cert", "issue", "--dns", "x.example.net", "--out", tmp.resolve("x").toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l).contains("integrity"));
    }

    @Test
    void unwritableDataDirectoryIsOneClearLine() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Cli.Result r = new Cli(file.resolve("data"), passphrase).run("init");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l).startsWith("stamp: ").contains(file.toString()));
    }

    @Test
    void uninitialisedDataDirectorySaysToRunInit() {
        Cli.Result r = cli.run("ca", "list");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("stamp init");
    }

    @Test
    void externalFlowCreatesPendingCaThatImportsItsParentSignedCertificate() throws IOException {
        cli.run("init");
        String root = cli.run("ca", "list", "--json").out();
        String rootId = root.substring(root.indexOf("\"id\" : \"") + 8, root.indexOf("\"id\" : \"") + 44);
        String pending = cli.run("ca", "create", "--type", "SUBORDINATE", "--subject", "CN=Partner CA,O=Example", "--external").out().strip();
        Path csr = tmp.resolve("partner.csr");
        Files.writeString(csr, cli.run("ca", "csr", pending).out());

        Cli.Result signed = cli.run("cert", "issue", "--ca", rootId, "--csr", csr.toString(), "--template", "SubordinateCACertificate_PathLen0/V1",
                "--validity", "2y");
        assertThat(signed.exit()).as(signed.err()).isZero();
        Path cert = tmp.resolve("partner.pem");
        Files.writeString(cert, signed.out());
        Path chain = tmp.resolve("chain.pem");
        Files.writeString(chain, cli.run("ca", "export", rootId).out());

        Cli.Result imported = cli.run("ca", "import", pending, "--certificate", cert.toString(), "--chain", chain.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("ACTIVE");
    }

    @Test
    void disabledCaRefusesToIssueUntilEnabled() {
        cli.run("init");
        String id = defaultCa();
        assertThat(cli.run("ca", "disable", id).exit()).isZero();
        Cli.Result refused = cli.run("cert", "issue", "--dns", "x.example.net", "--out", tmp.resolve("x").toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(refused.err()).contains("DISABLED");
        assertThat(cli.run("ca", "enable", id).exit()).isZero();
        assertThat(cli.run("cert", "issue", "--dns", "x.example.net", "--out", tmp.resolve("x").toString()).exit()).isZero();
    }

    @Test
    void auditVerifyFailsWhenAnEntryIsAltered() throws Exception {
        cli.run("init");
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("stamp.db"));
             var s = db.createStatement()) {
            s.executeUpdate("UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2");
        }
        Cli.Result r = cli.run("audit", "verify");
        assertThat(r.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(r.err()).contains("entry 2").contains("altered");
    }

    @Test
    void caUpdateEnablesCrlsSoThatNewCertificatesCarryADistributionPoint() throws IOException {
        cli.run("init", "--public-url", "http://pki.private.example.net");
        Cli.Result updated = cli.run("ca", "update", defaultCa(), "--crl", "on", "--crl-days", "3", "--ocsp", "on");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("crl=on crl-days=3 ocsp=on");
        Path out = tmp.resolve("cdp");
        assertThat(cli.run("cert", "issue", "--dns", "cdp.example.net", "--out", out.toString()).exit()).isZero();
        var leaf = Pem.certificates(Files.readAllBytes(out.resolve("tls.crt"))).getFirst();
        var cdp = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                leaf.getExtension(org.bouncycastle.asn1.x509.Extension.cRLDistributionPoints).getParsedValue());
        var names = org.bouncycastle.asn1.x509.GeneralNames.getInstance(cdp.getDistributionPoints()[0].getDistributionPoint().getName());
        assertThat(names.getNames()[0].getName().toString())
                .isEqualTo("http://pki.private.example.net/crl/" + defaultCa() + ".crl");
        assertThat(cli.run("ca", "update", defaultCa()).err()).contains("nothing to change");
        assertThat(cli.run("ca", "update", defaultCa(), "--crl-days", "0").err()).contains("between 1 and 5000");
    }

    @Test
    void caUpdateChoosesTheOcspSigner() {
        cli.run("init");
        Cli.Result updated = cli.run("ca", "update", defaultCa(), "--ocsp-signer", "delegated");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("ocsp-signer=delegated");
        assertThat(cli.run("ca", "show", defaultCa(), "--json").out()).contains("\"ocspSigner\" : \"DELEGATED\"");
        Cli.Result refused = cli.run("ca", "update", defaultCa(), "--ocsp-signer", "somebody");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("somebody");
    }

    private String defaultCa() {
        String json = cli.run("ca", "list", "--json").out();
        int d = json.indexOf("\"default\" : true");
        int id = json.lastIndexOf("\"id\" : \"", d);
        return json.substring(id + 8, id + 44);
    }

    static Set<PosixFilePermission> perms(Path p) throws IOException {
        return Files.getPosixFilePermissions(p);
    }

    @Test
    void certListFiltersByNameAndStatusAndPagesWithTheCursorItPrints() {
        assertThat(cli.run("init").exit()).isZero();
        for (String name : List.of("one.list.test", "two.list.test", "three.list.test")) {
            Cli.Result r = cli.run("cert", "issue", "--dns", name, "--out", tmp.resolve(name).toString());
            assertThat(r.exit()).as(r.err()).isZero();
        }
        Cli.Result first = cli.run("cert", "list", "--name", "LIST.test", "--limit", "2");
        assertThat(first.out().lines().skip(1)).hasSize(2);
        String cursor = first.err().replaceAll("(?s).*more: --cursor (\\S+).*", "$1").strip();
        Cli.Result second = cli.run("cert", "list", "--name", "list.test", "--limit", "2", "--cursor", cursor);
        assertThat(second.out().lines().skip(1)).hasSize(1);
        assertThat(second.err()).doesNotContain("more:");
        assertThat(first.out() + second.out()).contains("one.list.test", "two.list.test", "three.list.test");
        assertThat(cli.run("cert", "list", "--status", "REVOKED").out().lines().skip(1)).isEmpty();
        Cli.Result badCursor = cli.run("cert", "list", "--cursor", "nonsense");
        assertThat(badCursor.exit()).isEqualTo(ExitCodes.REFUSED);
        assertThat(badCursor.err()).contains("cursor 'nonsense'");
    }
}
