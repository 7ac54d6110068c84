package dev.stamp.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** OpenSSL reads Stamp's CRLs: lists the revoked serial with its reason, and fails the revoked leaf under -crl_check. */
class CrlOpensslIT {
    @TempDir Path tmp;
    Cli cli;

    record Run(int exit, String output) {}

    @BeforeEach
    void setUp() throws IOException {
        Path passphrase = tmp.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery staple\n");
        cli = new Cli(tmp.resolve("data"), passphrase);
        assertThat(cli.run("init", "--name", "Interop").exit()).isZero();
    }

    static Run openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    /** Splits tls.crt (leaf, then the issuing CA) into leaf.pem and sub.pem. */
    static void split(Path dir) throws IOException {
        String all = Files.readString(dir.resolve("tls.crt"));
        int second = all.indexOf("-----BEGIN CERTIFICATE-----", 1);
        Files.writeString(dir.resolve("leaf.pem"), all.substring(0, second));
        Files.writeString(dir.resolve("sub.pem"), all.substring(second));
    }

    @Test
    void opensslListsTheRevokedSerialWithItsReasonAndRefusesOnlyTheRevokedLeaf() throws Exception {
        Path revokedDir = tmp.resolve("revoked");
        Path goodDir = tmp.resolve("good");
        String serial = RevocationCliTest.issue(cli, revokedDir, "revoked.example.net");
        RevocationCliTest.issue(cli, goodDir, "good.example.net");
        split(revokedDir);
        split(goodDir);
        assertThat(cli.run("cert", "revoke", serial, "--reason", "KEY_COMPROMISE").exit()).isZero();

        Path der = tmp.resolve("crl.der");
        Path pem = tmp.resolve("crl.pem");
        assertThat(cli.run("crl", "get", "--out", der.toString()).exit()).isZero();
        assertThat(cli.run("crl", "get", "--pem", "--out", pem.toString()).exit()).isZero();

        Run text = openssl("crl", "-inform", "DER", "-in", der.toString(), "-noout", "-text");
        assertThat(text.exit()).as(text.output()).isZero();
        assertThat(text.output().toUpperCase()).contains("SERIAL NUMBER: " + serial.toUpperCase());
        assertThat(text.output()).contains("Key Compromise", "X509v3 CRL Number", "X509v3 Authority Key Identifier",
                "Version 2", "Next Update");

        Path root = revokedDir.resolve("ca.crt");
        Run refused = openssl("verify", "-crl_check", "-CAfile", root.toString(), "-untrusted", revokedDir.resolve("sub.pem").toString(),
                "-CRLfile", pem.toString(), revokedDir.resolve("leaf.pem").toString());
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");

        Run accepted = openssl("verify", "-crl_check", "-CAfile", root.toString(), "-untrusted", goodDir.resolve("sub.pem").toString(),
                "-CRLfile", pem.toString(), goodDir.resolve("leaf.pem").toString());
        assertThat(accepted.exit()).as(accepted.output()).isZero();
        assertThat(accepted.output()).contains("OK");
    }
}
