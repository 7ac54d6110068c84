package dev.stamp.core.issue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Draws certificate serial numbers: 128 random bits with the top bit cleared, so each is positive, at most
 * 16 octets in DER (RFC 5280 allows 20) and carries 127 bits of entropy (the CA/B Forum asks for 64).
 * Uniqueness per CA is the store's job (the reservation's unique key). Thread-safe.
 */
public final class SerialNumbers {
    private final SecureRandom random;

    public SerialNumbers(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public BigInteger next() {
        byte[] b = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(b);
            b[0] &= 0x7f;
            serial = new BigInteger(1, b);
        } while (serial.signum() == 0);
        return serial;
    }
}
