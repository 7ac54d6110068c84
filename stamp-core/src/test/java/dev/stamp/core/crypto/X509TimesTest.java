package dev.stamp.core.crypto;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class X509TimesTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "1970-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z",
            "2000-02-29T12:00:00Z",
            "2026-11-30T02:05:07Z",
            "2049-12-31T23:59:59Z",
            "2050-01-01T00:00:00Z", // RFC 5280: GeneralizedTime from 2050 on
            "9999-12-31T23:59:59Z",
    })
    void theTimeACertificateCarriesIsReadAsBouncyCastleReadsIt(String iso) throws Exception {
        Instant t = Instant.parse(iso);
        Time time = new Time(Date.from(t), Locale.ROOT);
        assertThat(X509Times.of(time)).isEqualTo(t).isEqualTo(time.getDate().toInstant());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"491231235959Z, 2049-12-31T23:59:59Z", "500101000000Z, 1950-01-01T00:00:00Z", "991231235959Z, 1999-12-31T23:59:59Z"})
    void twoDigitUtcYearsFollowRfc5280(String encoded, String iso) {
        assertThat(X509Times.of(new Time(new ASN1UTCTime(encoded)))).isEqualTo(Instant.parse(iso));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"20261130020507.5Z, 2026-11-30T02:05:07.500Z", "202611300205Z, 2026-11-30T02:05:00Z"})
    void encodingsOutsideRfc5280AreStillReadThroughBouncyCastle(String encoded, String iso) {
        assertThat(X509Times.of(new Time(new ASN1GeneralizedTime(encoded)))).isEqualTo(Instant.parse(iso));
    }
}
