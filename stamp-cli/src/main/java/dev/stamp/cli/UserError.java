package dev.stamp.cli;

/** A mistake in how the CLI was called or set up (missing file, data directory not initialised): one line, no stack. */
final class UserError extends RuntimeException {
    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
