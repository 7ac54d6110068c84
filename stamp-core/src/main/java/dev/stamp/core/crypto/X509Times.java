package dev.stamp.core.crypto;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Certificate times as {@link Instant}s without Bouncy Castle's date parsing, which builds a {@code SimpleDateFormat}
 * per call (a visible share of an issuance, which reads the issuer's validity on every certificate). RFC 5280
 * 4.1.2.5 fixes the encodings: UTCTime {@code YYMMDDHHMMSSZ} (years 50-99 are 19xx) and GeneralizedTime
 * {@code YYYYMMDDHHMMSSZ}; anything else goes through Bouncy Castle. Stateless.
 */
public final class X509Times {
    private X509Times() {}

    public static Instant of(Time time) {
        ASN1Primitive p = time.toASN1Primitive();
        String text = switch (p) {
            case ASN1UTCTime utc -> utc.toString(); // the encoded text, unlike getTime()
            case ASN1GeneralizedTime general -> general.getTimeString();
            default -> null;
        };
        if (p instanceof ASN1UTCTime && text.length() == 13 && text.charAt(12) == 'Z' && digits(text, 12)) {
            int yy = number(text, 0, 2);
            return at(yy >= 50 ? 1900 + yy : 2000 + yy, text, 2);
        }
        if (p instanceof ASN1GeneralizedTime && text.length() == 15 && text.charAt(14) == 'Z' && digits(text, 14)) {
            return at(number(text, 0, 4), text, 4);
        }
        return time.getDate().toInstant();
    }

    private static Instant at(int year, String s, int i) {
        return LocalDateTime.of(year, number(s, i, 2), number(s, i + 2, 2), number(s, i + 4, 2), number(s, i + 6, 2),
                number(s, i + 8, 2)).toInstant(ZoneOffset.UTC);
    }

    private static boolean digits(String s, int n) {
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static int number(String s, int from, int length) {
        int v = 0;
        for (int i = from; i < from + length; i++) v = v * 10 + (s.charAt(i) - '0');
        return v;
    }
}
