package dev.stamp.manager.manifest;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a directory of manifests, as the standalone agent's config directory: every regular {@code *.yaml} and
 * {@code *.yml} file directly in it (not in subdirectories, not hidden ones, which editors and atomic writers use
 * for temporary files), in name order. A file that cannot be read is one invalid result naming it; the others are
 * still read.
 */
public final class ManifestDirectory {
    private ManifestDirectory() {
    }

    /** The documents of one file, in order; origins carry the file name. */
    public record ManifestFile(Path path, List<ManifestResult> documents) {
        public ManifestFile {
            documents = List.copyOf(documents);
        }
    }

    /** Reads {@code dir}; throws when the directory itself cannot be listed. */
    public static List<ManifestFile> read(Path dir, String defaultNamespace) throws IOException {
        ManifestReader reader = new ManifestReader(defaultNamespace);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(ManifestDirectory::isManifest).sorted().toList();
        }
        List<ManifestFile> out = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<ManifestResult> documents;
            try {
                documents = reader.read(Files.readString(file), name);
            } catch (CharacterCodingException e) {
                documents = List.of(unreadable(name, "not UTF-8 text"));
            } catch (IOException e) {
                documents = List.of(unreadable(name, "cannot be read: " + e));
            }
            out.add(new ManifestFile(file, documents));
        }
        return out;
    }

    static boolean isManifest(Path path) {
        String name = path.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith(".") && Files.isRegularFile(path);
    }

    private static ManifestResult unreadable(String file, String reason) {
        return new ManifestResult.Invalid(new ManifestOrigin(file, 1), "", "", "", "",
                List.of(FieldError.invalidOmitted("<file>", "the file " + reason)));
    }
}
