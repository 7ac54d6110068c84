package dev.stamp.cli;

import java.math.BigInteger;

/** A certificate serial as the user types it: hex, colons allowed. */
final class Serial {
    private Serial() {}

    static BigInteger parse(String serial) {
        String hex = serial.replace(":", "").strip();
        try {
            BigInteger n = new BigInteger(hex, 16);
            if (n.signum() <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UserError("serial '" + serial + "' is not a positive hexadecimal number");
        }
    }

    /** The 32-digit lowercase form the API uses in paths. */
    static String hex(String serial) {
        return dev.stamp.core.store.CertificateRecord.hex(parse(serial));
    }
}
