package dev.stamp.manager.trust;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which stores a {@code stamp trust} command works on.
 *
 * @param rootFile the root as a file, for the commands printed on macOS and Windows
 * @param nssDbs   NSS databases given explicitly (created when absent); empty for Chromium's and Firefox's
 * @param truststore a Java truststore given explicitly (created when absent); null for the JDK's cacerts
 */
public record TrustSelection(Os os, Set<StoreKind> kinds, List<Path> nssDbs, Path truststore, String truststorePassword, Path rootFile) {
    /** The JDK's cacerts password, unchanged on nearly every installation. */
    public static final String DEFAULT_PASSWORD = "changeit";

    public TrustSelection {
        Objects.requireNonNull(os, "os");
        kinds = Set.copyOf(kinds);
        if (kinds.isEmpty()) throw new IllegalArgumentException("at least one kind of store is required");
        nssDbs = List.copyOf(nssDbs);
        if (truststorePassword == null) truststorePassword = DEFAULT_PASSWORD;
        if (os != Os.LINUX && kinds.contains(StoreKind.SYSTEM)) Objects.requireNonNull(rootFile, "rootFile (for the printed command)");
    }
}
