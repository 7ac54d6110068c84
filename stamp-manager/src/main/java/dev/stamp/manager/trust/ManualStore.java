package dev.stamp.manager.trust;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The macOS and Windows system stores: Stamp prints the exact command (an administrator runs it, and the OS asks
 * for confirmation) instead of acting. The commands name the root by a file and, to remove or look, by its SHA-1
 * thumbprint, which both {@code security} and Windows' {@code certutil} accept.
 */
final class ManualStore implements TrustStore {
    private final Os os;
    private final Path rootFile;

    ManualStore(Os os, Path rootFile) {
        if (os == Os.LINUX) throw new IllegalArgumentException("Linux stores are acted on, not printed");
        this.os = Objects.requireNonNull(os);
        this.rootFile = Objects.requireNonNull(rootFile);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.SYSTEM;
    }

    @Override
    public String name() {
        return os == Os.MACOS ? "macos /Library/Keychains/System.keychain" : "windows ROOT (Local Machine)";
    }

    @Override
    public Status check(TrustRoot root) {
        return new Status.Manual(os == Os.MACOS
                ? "security verify-cert -c " + quote(rootFile) + " -p ssl"
                : "certutil -verifystore ROOT " + sha1(root));
    }

    @Override
    public Change install(TrustRoot root) {
        return new Change.Manual(os == Os.MACOS
                ? "sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain " + quote(rootFile)
                : "certutil -addstore -f ROOT " + quote(rootFile));
    }

    @Override
    public Change uninstall(TrustRoot root) {
        return new Change.Manual(os == Os.MACOS
                ? "sudo security delete-certificate -Z " + sha1(root) + " /Library/Keychains/System.keychain"
                : "certutil -delstore ROOT " + sha1(root));
    }

    private static String sha1(TrustRoot root) {
        try {
            return java.util.HexFormat.of().withUpperCase().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(root.der()));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String quote(Path p) {
        String s = p.toString();
        if (s.matches("[A-Za-z0-9._/:\\\\-]+")) return s;
        return os == Os.WINDOWS ? "\"" + s + "\"" : "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
