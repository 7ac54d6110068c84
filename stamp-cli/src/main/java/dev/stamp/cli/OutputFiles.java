package dev.stamp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a set of PEM files into a directory: each goes to a temporary file first (a secret one created 0600,
 * never readable by others even for a moment) and is renamed into place, so a reader never sees half a file.
 */
final class OutputFiles {
    private final Path dir;
    private final Map<String, String> publicFiles = new LinkedHashMap<>();
    private final Map<String, String> secretFiles = new LinkedHashMap<>();

    OutputFiles(Path dir) {
        this.dir = dir;
    }

    OutputFiles add(String name, String content) {
        publicFiles.put(name, content);
        return this;
    }

    OutputFiles addSecret(String name, String content) {
        secretFiles.put(name, content);
        return this;
    }

    void write() {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new UserError("output path " + dir + " exists and is not a directory");
        } catch (IOException e) {
            throw new UserError("cannot create output directory " + dir + ": " + e.getMessage());
        }
        Map<Path, Path> moves = new LinkedHashMap<>();
        try {
            for (var e : secretFiles.entrySet()) moves.put(temp(e.getKey(), e.getValue(), "rw-------"), dir.resolve(e.getKey()));
            for (var e : publicFiles.entrySet()) moves.put(temp(e.getKey(), e.getValue(), "rw-r--r--"), dir.resolve(e.getKey()));
            for (var m : moves.entrySet()) Files.move(m.getKey(), m.getValue(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            for (Path tmp : moves.keySet()) {
                try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* best effort */ }
            }
            throw new UserError("cannot write to " + dir + ": " + e.getMessage());
        }
    }

    private Path temp(String name, String content, String perms) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms)));
        Files.writeString(tmp, content, StandardCharsets.US_ASCII);
        return tmp;
    }
}
