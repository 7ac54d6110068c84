package dev.stamp.store;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory that holds the embedded database. Checked before SQLite opens it, because SQLite's own error for
 * an unusable directory ("[SQLITE_CANTOPEN] Unable to open the database file") does not say which path or why.
 */
final class DataDirectory {
    static final String DATABASE_FILE = "stamp.db";

    private DataDirectory() {}

    /** Creates the directory if need be, proves that files can be created in it, and returns the database file. */
    static Path prepare(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw unusable(dir, "it cannot be created (" + reason(e) + ")", e);
        }
        try {
            // As root, permission bits do not tell whether a write would succeed (a read-only mount, for one): try it.
            Files.delete(Files.createTempFile(dir, ".stamp-write-check", ".tmp"));
        } catch (IOException e) {
            throw unusable(dir, "files cannot be created in it (" + reason(e) + ")", e);
        }
        Path file = dir.resolve(DATABASE_FILE);
        if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isWritable(file))) {
            throw unusable(dir, "its " + DATABASE_FILE + " is not a writable file", null);
        }
        return file;
    }

    private static StampException unusable(Path dir, String why, IOException cause) {
        return new StampException(ErrorCode.INVALID_ARGUMENT,
                "data directory " + dir + " is not writable: " + why, cause);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException a) return "permission denied on " + a.getFile();
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " exists and is not a directory";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getFile() + ": " + f.getReason();
        return e.toString();
    }
}
