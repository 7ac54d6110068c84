package dev.stamp.cli;

import dev.stamp.core.ocsp.OcspSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stamp vault rekey} on a real data directory (SQLite): CA keys and AWS secrets survive, the old KEK is refused. */
class VaultCommandTest {
    @TempDir Path tmp;

    private Path data() {
        return tmp.resolve("data");
    }

    /** A passphrase file in the test's directory, ending with a line break as editors leave it. */
    private Path passphrase(String name) throws java.io.IOException {
        return Files.writeString(tmp.resolve(name + ".pass"), "the " + name + " passphrase\n");
    }

    @Test
    void aRekeyedVaultIssuesWithTheNewPassphraseKeepsItsAccessKeySecretAndRefusesTheOld() throws Exception {
        Path data = data();
        Path oldPassphrase = passphrase("old");
        Path newPassphrase = passphrase("new");
        Cli before = new Cli(data, oldPassphrase);
        assertThat(before.run("init").exit()).isZero();
        Cli.Result key = before.run("token", "create", "--aws", "--role", "admin");
        assertThat(key.exit()).as(key.err()).isZero();
        String id = key.out().lines().filter(l -> l.startsWith("AWS_ACCESS_KEY_ID=")).findFirst().orElseThrow().substring(18);
        String secret = key.out().lines().filter(l -> l.startsWith("AWS_SECRET_ACCESS_KEY=")).findFirst().orElseThrow().substring(22);

        Cli.Result rekey = before.run("vault", "rekey", "--new-passphrase-file", newPassphrase.toString());

        assertThat(rekey.exit()).as(rekey.err()).isZero();
        assertThat(rekey.out()).contains("re-wrapped 2 keys and re-sealed 1 secrets");
        Cli.Result refused = before.run("cert", "issue", "--dns", "old.example.net", "--out", tmp.resolve("old-out").toString());
        assertThat(refused.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(refused.err()).contains("does not unlock");
        Cli after = new Cli(data, newPassphrase);
        Cli.Result issued = after.run("cert", "issue", "--dns", "app.example.net", "--out", tmp.resolve("app").toString());
        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(after.run("audit", "verify").out()).contains("audit chain intact");
        assertThat(after.run("audit", "list").out()).contains("vault.rekey");

        GlobalOptions global = new GlobalOptions();
        global.data = data;
        global.passphraseFile = newPassphrase;
        try (StampHome home = StampHome.open(global, null, OcspSettings.defaults())) {
            assertThat(new String(home.accessKeys().secret(id).orElseThrow(), StandardCharsets.US_ASCII)).isEqualTo(secret);
        }
    }

    @Test
    void aWrongCurrentPassphraseIsRefusedAndNothingChanges() throws Exception {
        Path right = passphrase("right");
        assertThat(new Cli(data(), right).run("init").exit()).isZero();

        Cli.Result refused = new Cli(data(), passphrase("wrong")).run("vault", "rekey", "--new-key-file", tmp.resolve("vault.key").toString());

        assertThat(refused.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
        assertThat(refused.err()).contains("does not unlock");
        assertThat(new Cli(data(), right).run("cert", "issue", "--dns", "still.example.net", "--out", tmp.resolve("o").toString()).exit()).isZero();
    }
}
