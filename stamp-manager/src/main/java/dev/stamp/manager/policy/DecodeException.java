package dev.stamp.manager.policy;

/** PEM, DER or a DN string that cannot be decoded; the message says what was wrong, never secret bytes. */
public final class DecodeException extends IllegalArgumentException {
    DecodeException(String message) {
        super(message);
    }
}
