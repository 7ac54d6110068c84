package dev.stamp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an input file with an error that names it. */
final class InputFiles {
    private InputFiles() {}

    static byte[] read(Path file, String what) {
        try {
            if (Files.size(file) > 4 * 1024 * 1024) throw new UserError(what + " file " + file + " is larger than 4 MiB");
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(what + " file " + file + " does not exist");
        } catch (IOException e) {
            throw new UserError("cannot read " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
