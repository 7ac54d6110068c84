package dev.stamp.cli;

import dev.stamp.core.ErrorCode;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationCliTest {
    private static final Pattern ISSUED = Pattern.compile("Issued ([0-9a-f]+) ");

    @TempDir Path tmp;
    Cli cli;

    @BeforeEach
    void setUp() throws IOException {
        Path passphrase = tmp.resolve("passphrase");
        Files.writeString(passphrase, "correct horse battery staple\n");
        cli = new Cli(tmp.resolve("data"), passphrase);
        assertThat(cli.run("init", "--name", "Example").exit()).isZero();
    }

    static String issue(Cli cli, Path dir, String name) {
        Cli.Result r = cli.run("cert", "issue", "--dns", name, "--out", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Matcher m = ISSUED.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }

    static X509CRL parse(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    static long number(byte[] der) throws Exception {
        return ASN1Integer.getInstance(new X509CRLHolder(der).getExtension(Extension.cRLNumber).getParsedValue()).longValueExact();
    }

    @Test
    void revokeThenCrlGetListsTheSerialAndNumbersGrowAcrossRuns() throws Exception {
        String serial = issue(cli, tmp.resolve("a"), "a.example.net");
        Path crl = tmp.resolve("crl.der");

        assertThat(cli.run("crl", "get", "--out", crl.toString()).exit()).isZero();
        assertThat(number(Files.readAllBytes(crl))).isEqualTo(1);
        assertThat(parse(Files.readAllBytes(crl)).getRevokedCertificates()).isNull();

        Cli.Result revoked = cli.run("cert", "revoke", serial, "--reason", "keyCompromise");
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(revoked.out()).contains("Revoked " + serial, "KEY_COMPROMISE");

        Cli.Result get = cli.run("crl", "get", "--out", crl.toString());
        assertThat(get.out()).contains("CRL number 2", "1 entries");
        X509CRL parsed = parse(Files.readAllBytes(crl));
        assertThat(number(Files.readAllBytes(crl))).isEqualTo(2);
        assertThat(parsed.getRevokedCertificate(new BigInteger(serial, 16)).getRevocationReason().ordinal()).isEqualTo(1);

        // Nothing revoked since: the same CRL again, in PEM on standard output.
        Cli.Result pem = cli.run("crl", "get");
        assertThat(pem.out()).startsWith("-----BEGIN X509 CRL-----");
        Path pemFile = tmp.resolve("crl.pem");
        assertThat(cli.run("crl", "get", "--pem", "--out", pemFile.toString()).exit()).isZero();
        assertThat(Files.readString(pemFile)).isEqualTo(pem.out());
        assertThat(cli.run("audit", "verify").out()).contains("audit chain intact");
    }

    @Test
    void revokingTwiceUnknownSerialsAndBadReasonsAreOneClearLine() {
        String serial = issue(cli, tmp.resolve("a"), "a.example.net");
        assertThat(cli.run("cert", "revoke", serial, "--reason", "SUPERSEDED").exit()).isZero();

        Cli.Result twice = cli.run("cert", "revoke", serial, "--reason", "SUPERSEDED");
        assertThat(twice.exit()).isEqualTo(ExitCodes.of(ErrorCode.CONFLICT));
        assertThat(twice.err().lines()).singleElement().satisfies(l -> assertThat(l).contains("already revoked at"));

        Cli.Result unknown = cli.run("cert", "revoke", "abcdef", "--reason", "SUPERSEDED");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(unknown.err()).contains("abcdef");

        Cli.Result bad = cli.run("cert", "revoke", serial, "--reason", "removeFromCRL");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err().lines()).singleElement().satisfies(l -> assertThat(l).contains("removeFromCRL"));
    }
}
