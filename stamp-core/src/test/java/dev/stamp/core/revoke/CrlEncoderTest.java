package dev.stamp.core.revoke;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written DER against Bouncy Castle's: times on both sides of 2050, serials with and without a sign octet. */
class CrlEncoderTest {

    @ParameterizedTest
    @CsvSource({
            "1950-01-01T00:00:00Z, 7f",
            "2049-12-31T23:59:59Z, 80",
            "2050-01-01T00:00:00Z, 00ff",
            "9999-12-31T23:59:59Z, 7fffffffffffffffffffffffffffffffffffffff",
            "2026-06-15T12:34:56Z, 1000000000000000000000000000000000000001",
    })
    void entriesAndTimesEncodeExactlyAsBouncyCastleDoes(String when, String serialHex) throws Exception {
        Instant at = Instant.parse(when);
        BigInteger serial = new BigInteger(serialHex, 16);
        AlgorithmIdentifier alg = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        X500Name issuer = new X500Name("CN=Encoder Test");
        Extensions extensions = new Extensions(new Extension(Extension.cRLNumber, false, new ASN1Integer(5).getEncoded()));
        byte[] tbs;
        try (CrlEncoder encoder = new CrlEncoder()) {
            encoder.add(new CrlEntry(serial, at, RevocationReason.KEY_COMPROMISE));
            encoder.add(new CrlEntry(serial.add(BigInteger.ONE), at, RevocationReason.UNSPECIFIED));
            tbs = encoder.tbs(alg, issuer, at, at, extensions);
        }

        TBSCertList parsed = TBSCertList.getInstance(tbs);
        assertThat(parsed.getEncoded(ASN1Encoding.DER)).as("valid DER: re-encodes to the same bytes").isEqualTo(tbs);
        Time expected = new Time(Date.from(at), Locale.ROOT);
        assertThat(parsed.getThisUpdate().toASN1Primitive()).isEqualTo(expected.toASN1Primitive());
        assertThat(parsed.getNextUpdate().getDate()).isEqualTo(Date.from(at));
        var entries = parsed.getRevokedCertificates();
        assertThat(entries).hasSize(2);
        assertThat(entries[0].getUserCertificate().getValue()).isEqualTo(serial);
        assertThat(entries[0].getRevocationDate().toASN1Primitive()).isEqualTo(expected.toASN1Primitive());
        assertThat(entries[0].getExtensions().getExtension(Extension.reasonCode)).isNotNull();
        assertThat(entries[1].getUserCertificate().getValue()).isEqualTo(serial.add(BigInteger.ONE));
        assertThat(entries[1].hasExtensions()).isFalse();
        assertThat(parsed.getVersionNumber()).isEqualTo(2);
    }
}
