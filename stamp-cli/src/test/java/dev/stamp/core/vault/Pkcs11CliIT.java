package dev.stamp.core.vault;

import dev.stamp.cli.CliDriver;
import dev.stamp.core.crypto.Pem;
import dev.stamp.store.Database;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stamp init --key-vault pkcs11} against a real SoftHSM2 token: CA keys live in the token, not the database. */
class Pkcs11CliIT {
    @TempDir Path tmp;

    @Test
    void initWithPkcs11VaultKeepsCaKeysInTheTokenAndIssues() throws Exception {
        SoftHsm2 token = SoftHsm2.initialise("246810");
        Path pin = tmp.resolve("pin");
        Files.writeString(pin, token.pin() + "\n");
        Path data = tmp.resolve("data");

        assertThat(CliDriver.run("init", "--data", data.toString(), "--key-vault", "pkcs11",
                "--pkcs11-library", token.library().toString(), "--pkcs11-slot-id", Long.toString(token.slotId()),
                "--pkcs11-pin-file", pin.toString(), "--root-key-algorithm", "EC_secp384r1", "--issuing-key-algorithm", "RSA_2048")).isZero();
        Path out = tmp.resolve("app");
        assertThat(CliDriver.run("cert", "issue", "--data", data.toString(), "--dns", "app.private.example.net", "--out", out.toString())).isZero();

        var chain = Pem.certificates(Files.readAllBytes(out.resolve("tls.crt")));
        var root = Pem.certificates(Files.readAllBytes(out.resolve("ca.crt"))).getFirst();
        var cf = new JcaX509CertificateConverter();
        cf.getCertificate(chain.get(0)).verify(cf.getCertificate(chain.get(1)).getPublicKey());
        cf.getCertificate(chain.get(1)).verify(cf.getCertificate(root).getPublicKey());

        try (Database db = Database.sqlite(data)) {
            for (var ca : db.stores().cas().list()) {
                assertThat(db.stores().keys().get(ca.keyId())).as("no software-wrapped copy of a token key").isEmpty();
            }
        }
        assertThat(data.resolve("vault.key")).doesNotExist();
    }
}
