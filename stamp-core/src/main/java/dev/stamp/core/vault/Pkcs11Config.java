package dev.stamp.core.vault;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach a PKCS#11 token: the module (shared library), the slot, the user PIN and the prefix of the
 * labels (SunPKCS11 aliases) under which the vault stores its keys. Immutable: the PIN is copied in and out,
 * and never printed.
 *
 * @param library        the PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
 * @param slot           which token
 * @param pin            the user PIN (CKU_USER)
 * @param keyLabelPrefix prepended to every key id, so that Stamp's keys stand out in a shared token;
 *                       letters, digits, '.', '_' and '-' only, at most 32 characters, may be empty
 */
public record Pkcs11Config(Path library, Pkcs11Slot slot, char[] pin, String keyLabelPrefix) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,32}");

    public Pkcs11Config {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(keyLabelPrefix, "keyLabelPrefix");
        if (!PREFIX.matcher(keyLabelPrefix).matches()) {
            throw new IllegalArgumentException("PKCS#11 key label prefix '" + keyLabelPrefix
                    + "' must be at most 32 letters, digits, '.', '_' or '-'");
        }
        String path = library.toString();
        if (path.indexOf('"') >= 0 || path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("PKCS#11 library path must not contain quotes or line breaks: " + path);
        }
        pin = pin.clone();
    }

    @Override public char[] pin() { return pin.clone(); }

    @Override public boolean equals(Object other) {
        return other instanceof Pkcs11Config that && library.equals(that.library) && slot.equals(that.slot)
                && Arrays.equals(pin, that.pin) && keyLabelPrefix.equals(that.keyLabelPrefix);
    }

    @Override public int hashCode() { return Objects.hash(library, slot, keyLabelPrefix); }

    @Override public String toString() {
        return "Pkcs11Config[library=" + library + ", slot=" + slot + ", pin=****, keyLabelPrefix=" + keyLabelPrefix + "]";
    }
}
