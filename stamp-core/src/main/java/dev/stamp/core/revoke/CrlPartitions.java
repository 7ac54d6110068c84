package dev.stamp.core.revoke;

import java.math.BigInteger;

/**
 * Which CRL partition a serial belongs to when its CA partitions its CRLs: {@code serial mod COUNT}. Serials are
 * random, so the partitions fill evenly; the function never changes for a serial, so the distribution point a
 * certificate carries always names the CRL that will list it. {@code COUNT} is fixed for the life of a deployment:
 * changing it would move certificates to partitions their CDP does not name.
 */
public final class CrlPartitions {
    /** 64 partitions keep each CRL near 1/64 of a CA's revocations: ~15,600 entries (~800 KB) per million. */
    public static final int COUNT = 64;
    /** The scope of a CA's complete (unpartitioned) CRL, in stores and APIs that take a partition number. */
    public static final int WHOLE = -1;

    private static final BigInteger MODULUS = BigInteger.valueOf(COUNT);

    private CrlPartitions() {}

    public static int of(BigInteger serial) {
        return serial.mod(MODULUS).intValueExact();
    }
}
