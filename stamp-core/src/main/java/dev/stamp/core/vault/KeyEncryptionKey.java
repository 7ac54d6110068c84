package dev.stamp.core.vault;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the {@link SoftwareKeyVault}'s key-encryption key (KEK) comes from: a passphrase stretched with
 * Argon2id, or a file of 32 random bytes. A vault is bound to the kind it was first opened with.
 * Values are immutable; a {@link Passphrase} hands out copies of its characters and never prints them.
 */
public sealed interface KeyEncryptionKey permits KeyEncryptionKey.Passphrase, KeyEncryptionKey.KeyFile {

    /** The environment variable {@link #passphraseFromEnvironment} reads. */
    String PASSPHRASE_VARIABLE = "STAMP_PASSPHRASE";

    /** A passphrase; the KEK is Argon2id(passphrase, salt) with the salt and parameters kept in the vault's settings. */
    record Passphrase(char[] value) implements KeyEncryptionKey {
        public Passphrase {
            Objects.requireNonNull(value, "value");
            if (value.length == 0) throw new IllegalArgumentException("the key vault passphrase is empty");
            value = value.clone();
        }

        @Override public char[] value() { return value.clone(); }

        @Override public String toString() { return "Passphrase[****]"; }
    }

    /**
     * A file holding exactly 32 random bytes, readable by its owner only. A missing file is created
     * (mode 0600, development only).
     */
    record KeyFile(Path path) implements KeyEncryptionKey {
        public KeyFile {
            Objects.requireNonNull(path, "path");
        }
    }

    static Passphrase passphrase(char[] value) {
        return new Passphrase(value);
    }

    static KeyFile keyFile(Path path) {
        return new KeyFile(path);
    }

    /** The passphrase in {@code STAMP_PASSPHRASE}; pass {@code System.getenv()} in production. */
    static Passphrase passphraseFromEnvironment(Map<String, String> environment) {
        return PassphraseSources.fromEnvironment(environment);
    }

    /** The passphrase in a file (UTF-8), without its trailing line break. */
    static Passphrase passphraseFile(Path file) {
        return PassphraseSources.fromFile(file);
    }
}
