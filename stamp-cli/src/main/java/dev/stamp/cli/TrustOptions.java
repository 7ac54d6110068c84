package dev.stamp.cli;

import dev.stamp.manager.trust.Os;
import dev.stamp.manager.trust.StoreKind;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The options every {@code stamp trust} command takes: where the root comes from, and which stores. */
final class TrustOptions {
    // A picocli mixin: `@Mixin TrustOptions options`.
    @Option(names = "--cert", paramLabel = "FILE", description = "The root certificate, PEM or DER.")
    Path cert;

    @Option(names = "--server", paramLabel = "URL",
            description = "A Stamp server (its plain-HTTP or API URL) to download the root from; needs --fingerprint.")
    String server;

    @Option(names = "--fingerprint", paramLabel = "SHA256",
            description = "The root's SHA-256 fingerprint (hex, colons optional, any case): the download is trusted only if it matches; with --cert, the file is checked too.")
    String fingerprint;

    @Option(names = "--store", paramLabel = "system|java|nss|all", split = ",",
            description = "Which stores (repeatable; default: all). Explicitly named stores that are absent make check fail.")
    List<String> stores;

    @Option(names = "--nss-db", paramLabel = "DIR",
            description = "An NSS database directory (repeatable; created if absent) instead of Chromium's ~/.pki/nssdb and the Firefox profiles.")
    List<Path> nssDbs;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "A Java truststore (PKCS12 or JKS; created as PKCS12 if absent) instead of the JDK's cacerts.")
    Path truststore;

    @Option(names = "--truststore-password", paramLabel = "PASSWORD", defaultValue = "changeit",
            description = "The truststore's password (default: ${DEFAULT-VALUE}, the JDK's).")
    String truststorePassword;

    @Option(names = "--os", paramLabel = "linux|macos|windows",
            description = "Whose system store (default: this machine's). On macOS and Windows the command to run is printed.")
    String os;

    @Option(names = "--system-root", paramLabel = "DIR", hidden = true,
            description = "Take the Linux system store's paths under DIR (tests and sandboxes; never the real /etc).")
    Path systemRoot;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    Os os() {
        if (os == null) return Os.detect(System.getProperty("os.name"));
        return switch (os.toLowerCase(Locale.ROOT)) {
            case "linux" -> Os.LINUX;
            case "macos", "mac", "darwin" -> Os.MACOS;
            case "windows" -> Os.WINDOWS;
            default -> throw new UserError("--os must be linux, macos or windows, not '" + os + "'");
        };
    }

    /** Whether the stores were named (not the default "all"): then an absent one is a failure of check. */
    boolean explicit() {
        return stores != null && !stores.isEmpty() && stores.stream().noneMatch(s -> s.equalsIgnoreCase("all"));
    }

    Set<StoreKind> kinds() {
        if (stores == null || stores.isEmpty()) return EnumSet.allOf(StoreKind.class);
        Set<StoreKind> kinds = EnumSet.noneOf(StoreKind.class);
        for (String s : stores) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "all" -> kinds.addAll(EnumSet.allOf(StoreKind.class));
                case "system" -> kinds.add(StoreKind.SYSTEM);
                case "java" -> kinds.add(StoreKind.JAVA);
                case "nss" -> kinds.add(StoreKind.NSS);
                default -> throw new UserError("--store must be system, java, nss or all, not '" + s + "'");
            }
        }
        return kinds;
    }
}
