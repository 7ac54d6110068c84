package dev.stamp.manager.trust;

import dev.stamp.core.StampException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A SHA-256 certificate fingerprint: 64 lower-case hex digits. */
public record Fingerprint(String hex) {
    public Fingerprint {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw StampException.invalidArgument("a SHA-256 fingerprint is 64 lower-case hex digits, got '" + hex + "'");
        }
    }

    /** As people copy it: hex with or without colons (openssl prints them), any case, surrounding blanks ignored. */
    public static Fingerprint parse(String text) {
        String hex = text == null ? "" : text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw StampException.invalidArgument("'" + text + "' is not a SHA-256 fingerprint (64 hex digits, colons optional)");
        }
        return new Fingerprint(hex);
    }

    public static Fingerprint of(byte[] der) {
        try {
            return new Fingerprint(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The first 16 hex digits: enough to tell roots apart in a file name, alias or nickname. */
    public String shortHex() {
        return hex.substring(0, 16);
    }

    /** Upper-case with colons, as openssl and keytool print it. */
    public String colons() {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    @Override
    public String toString() {
        return colons();
    }
}
