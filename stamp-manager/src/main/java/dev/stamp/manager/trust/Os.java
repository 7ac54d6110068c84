package dev.stamp.manager.trust;

import java.util.Locale;

/** The operating system whose stores are meant: Linux stores are acted on, macOS and Windows get printed commands. */
public enum Os {
    LINUX, MACOS, WINDOWS;

    /** From the {@code os.name} system property; anything not macOS or Windows is treated as Linux (or another Unix). */
    public static Os detect(String osName) {
        String n = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (n.startsWith("mac") || n.contains("darwin")) return MACOS;
        if (n.startsWith("windows")) return WINDOWS;
        return LINUX;
    }
}
