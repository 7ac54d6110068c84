package dev.stamp.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The data directory's settings file ({@code stamp.properties}): where the database is, which key vault holds the
 * CA keys and how it is unlocked (never the secret itself), the default CA and the public URL. Written atomically.
 */
record HomeConfig(Path dir, Properties values) {
    static final String FILE = "stamp.properties";

    static final String DATABASE_URL = "database.url";
    static final String DATABASE_USER = "database.user";
    static final String VAULT = "vault";
    static final String PKCS11_LIBRARY = "pkcs11.library";
    static final String PKCS11_SLOT_INDEX = "pkcs11.slot-index";
    static final String PKCS11_SLOT_ID = "pkcs11.slot-id";
    static final String PKCS11_PIN_FILE = "pkcs11.pin-file";
    static final String DEFAULT_CA = "default.ca";
    static final String PUBLIC_URL = "public.url";

    static boolean exists(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    static HomeConfig load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            throw new UserError("data directory " + dir.toAbsolutePath() + " is not initialised; run 'stamp init --data " + dir + "' first");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        return new HomeConfig(dir, p);
    }

    Optional<String> get(String key) {
        String v = values.getProperty(key);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    HomeConfig with(String key, String value) {
        Properties p = new Properties();
        p.putAll(values);
        if (value == null) p.remove(key); else p.setProperty(key, value);
        return new HomeConfig(dir, p);
    }

    void save() {
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            values.store(w, "Stamp data directory settings (no secrets are kept here)");
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage());
        }
    }
}
