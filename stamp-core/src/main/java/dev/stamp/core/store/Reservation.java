package dev.stamp.core.store;

/** What {@link CertificateStore#reserve} found: the serial is ours, it was taken, or the idempotency token was used already. */
public sealed interface Reservation {
    record Reserved() implements Reservation {}
    record SerialTaken() implements Reservation {}
    record TokenUsed(CertificateRecord earlier) implements Reservation {}
}
