package dev.stamp.manager.trust;

import dev.stamp.manager.files.AtomicFiles;
import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A Linux system store: the root as a PEM file {@code <label>.crt} in an anchors directory, then a program that
 * rebuilds the bundle every TLS library reads (Debian's update-ca-certificates, RHEL's update-ca-trust extract).
 * {@code check} looks for the root in that bundle, so it tells whether the system really trusts it, not merely
 * whether the file is there. Absent when the program is not installed.
 */
final class AnchorDirectoryStore implements TrustStore {
    private final String name;
    private final Path anchors;
    private final Path bundle;
    private final List<String> refresh;
    private final List<String> refreshAfterRemoval;
    private final boolean present;
    private final Commands commands;

    /**
     * @param anchors             where Stamp's files go (a directory of Stamp's own on Debian)
     * @param refresh             the command that rebuilds {@code bundle} after a file was added
     * @param refreshAfterRemoval the same after a file was removed (Debian needs {@code --fresh} to drop the link)
     * @param present             whether the store exists on this machine (its program was found)
     */
    AnchorDirectoryStore(String name, Path anchors, Path bundle, List<String> refresh, List<String> refreshAfterRemoval,
                         boolean present, Commands commands) {
        this.name = Objects.requireNonNull(name);
        this.anchors = Objects.requireNonNull(anchors);
        this.bundle = Objects.requireNonNull(bundle);
        this.refresh = List.copyOf(refresh);
        this.refreshAfterRemoval = List.copyOf(refreshAfterRemoval);
        this.present = present;
        this.commands = Objects.requireNonNull(commands);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.SYSTEM;
    }

    @Override
    public String name() {
        return name + " " + bundle;
    }

    Path file(TrustRoot root) {
        return anchors.resolve(root.label() + ".crt");
    }

    List<String> refreshCommand() {
        return refresh;
    }

    @Override
    public Status check(TrustRoot root) {
        if (!present) return new Status.Absent(absence());
        if (PemBundle.contains(bundle, root)) return new Status.Trusted("in " + bundle);
        return new Status.NotTrusted(Files.exists(file(root))
                ? file(root) + " is there but not in " + bundle + ": run " + String.join(" ", refresh)
                : "not in " + bundle);
    }

    @Override
    public Change install(TrustRoot root) {
        if (!present) return new Change.Absent(absence());
        Path file = file(root);
        boolean ours = ours(file, root);
        if (PemBundle.contains(bundle, root)) {
            return new Change.Unchanged(ours ? "installed already as " + file : "trusted already in " + bundle + " (not through Stamp)");
        }
        if (!ours) {
            try {
                AtomicFiles.write(file, root.pem().getBytes(StandardCharsets.US_ASCII), AtomicFiles.SHARED);
            } catch (IOException e) {
                throw new StampException(ErrorCode.REQUEST_FAILED, "cannot write " + file + ": " + e, e);
            }
        }
        run(refresh);
        if (!PemBundle.contains(bundle, root)) {
            throw new StampException(ErrorCode.REQUEST_FAILED, String.join(" ", refresh) + " ran but " + bundle + " does not hold the root " + file);
        }
        return new Change.Added(file + ", then " + String.join(" ", refresh));
    }

    @Override
    public Change uninstall(TrustRoot root) {
        if (!present) return new Change.Absent(absence());
        Path file = file(root);
        if (!ours(file, root)) {
            return new Change.Unchanged("nothing of Stamp's: no " + file + (PemBundle.contains(bundle, root) ? " (the root is in " + bundle + " through another entry)" : ""));
        }
        try {
            Files.delete(file);
            // Stamp's own directory goes when it holds nothing more; a directory someone else filled stays.
            if (anchors.getFileName().toString().equals("stamp")) {
                try (var left = Files.list(anchors)) {
                    if (left.findAny().isEmpty()) Files.delete(anchors);
                }
            }
        } catch (IOException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot remove " + file + ": " + e, e);
        }
        run(refreshAfterRemoval);
        // Another file may hold the same root; and update-ca-certificates leaves the bundle as it was when no
        // certificate at all remains. Either way the report must not claim the root is gone.
        String still = PemBundle.contains(bundle, root) ? "; the root is still in " + bundle + " (another file holds it, or the bundle was not rebuilt)" : "";
        return new Change.Removed(file + ", then " + String.join(" ", refreshAfterRemoval) + still);
    }

    /** Stamp's file for this root: named by its label and holding exactly it. */
    private static boolean ours(Path file, TrustRoot root) {
        if (!Files.isRegularFile(file)) return false;
        try {
            return root.sameAs(TrustRoot.read(Files.readAllBytes(file), file.toString()).certificate());
        } catch (IOException | StampException e) {
            return false;
        }
    }

    private void run(List<String> command) {
        Commands.Result r = commands.run(command);
        if (!r.ok()) {
            throw new StampException(ErrorCode.REQUEST_FAILED, String.join(" ", command) + " failed (exit " + r.exit() + "): " + r.output().strip());
        }
    }

    private String absence() {
        return refresh.getFirst() + " not found: no " + name + " store on this machine";
    }
}
