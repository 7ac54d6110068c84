package dev.stamp.manager.secret;

import java.nio.file.Path;

/** A Secret could not be written to, read from or deleted in an output directory; names the path and the cause. */
public final class SecretDirectoryException extends RuntimeException {
    private final transient Path path;

    public SecretDirectoryException(String message, Path path, Throwable cause) {
        super(message + " (" + path + ")" + (cause == null ? "" : ": " + cause), cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
