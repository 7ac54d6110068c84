package dev.stamp.core.store;

import dev.stamp.core.StampException;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a certificate listing stopped: the last item's position in the listing's order (newest first by
 * creation time, then CA, then serial). Keyset paging: the next page starts strictly after it, so rows added
 * meanwhile neither shift nor repeat items the way an offset would.
 */
public record CertificateCursor(Instant createdAt, String caId, BigInteger serial) {
    public static CertificateCursor after(CertificateRecord last) {
        return new CertificateCursor(last.createdAt(), last.caId(), last.serial());
    }

    /** An opaque token for clients: base64url of the three fields. */
    public String token() {
        String plain = createdAt + "|" + caId + "|" + serial.toString(16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws StampException INVALID_ARGUMENT naming the cursor when it is not one this class made */
    public static CertificateCursor parse(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\|", -1);
            if (parts.length != 3 || parts[1].isEmpty()) throw new IllegalArgumentException();
            BigInteger serial = new BigInteger(parts[2], 16);
            if (serial.signum() <= 0) throw new IllegalArgumentException();
            return new CertificateCursor(Instant.parse(parts[0]), parts[1], serial);
        } catch (RuntimeException e) {
            String shown = token.length() > 64 ? token.substring(0, 64) + "..." : token;
            throw StampException.invalidArgument("cursor '" + shown + "' is not a cursor from a previous listing");
        }
    }
}
