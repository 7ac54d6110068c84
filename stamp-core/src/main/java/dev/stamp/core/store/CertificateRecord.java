package dev.stamp.core.store;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate as stored, keyed by (CA, serial). While PENDING, {@code der} holds the to-be-signed
 * certificate (the record of what the CA meant to sign); once ISSUED, the signed certificate.
 */
public record CertificateRecord(
        String caId,
        BigInteger serial,
        CertificateState state,
        String template,
        String subject,
        Instant notBefore,
        Instant notAfter,
        byte[] der,
        String idempotencyToken,
        Instant createdAt) {

    public CertificateRecord {
        Objects.requireNonNull(caId, "caId");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(der, "der");
        Objects.requireNonNull(createdAt, "createdAt");
        der = der.clone();
    }

    @Override public byte[] der() { return der.clone(); }

    /** The serial as AWS writes it in certificate ARNs: lowercase hex, at least 32 digits. */
    public String serialHex() {
        return hex(serial);
    }

    /** A serial as lowercase hex of at least 32 digits (AWS's certificate ARN form). */
    public static String hex(BigInteger serial) {
        String hex = serial.toString(16);
        return hex.length() >= 32 ? hex : "0".repeat(32 - hex.length()) + hex;
    }

    public CertificateRecord issued(byte[] certificateDer) {
        return new CertificateRecord(caId, serial, CertificateState.ISSUED, template, subject, notBefore, notAfter,
                certificateDer, idempotencyToken, createdAt);
    }
}
