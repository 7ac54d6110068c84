package dev.stamp.manager.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the stores of this machine are: the user's home (NSS databases), the JDK (cacerts), a root directory under
 * which the system paths are taken ({@code /} normally, a throwaway directory in tests) and the directories searched
 * for programs.
 */
public record TrustEnvironment(Path home, Path javaHome, Path systemRoot, List<Path> programPath) {
    public TrustEnvironment {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(systemRoot, "systemRoot");
        programPath = List.copyOf(programPath);
    }

    /** This process's: user.home, java.home, {@code /}, and $PATH plus the sbin directories a plain user's PATH lacks. */
    public static TrustEnvironment current() {
        List<Path> path = new ArrayList<>();
        String env = System.getenv("PATH");
        if (env != null) for (String p : env.split(java.io.File.pathSeparator)) if (!p.isBlank()) path.add(Path.of(p));
        for (String p : List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin")) path.add(Path.of(p));
        return new TrustEnvironment(Path.of(System.getProperty("user.home")), Path.of(System.getProperty("java.home")), Path.of("/"), path);
    }

    public TrustEnvironment withSystemRoot(Path root) {
        return new TrustEnvironment(home, javaHome, root, programPath);
    }

    /** A system path under {@link #systemRoot()}: {@code system("/etc/ssl/certs")}. */
    Path system(String absolute) {
        return systemRoot.resolve(absolute.substring(1));
    }

    boolean sandboxed() {
        return !systemRoot.toAbsolutePath().normalize().equals(systemRoot.getFileSystem().getRootDirectories().iterator().next());
    }

    /** The absolute path of a program found in {@link #programPath()}. */
    Optional<String> program(String name) {
        for (Path dir : programPath) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p.toString());
        }
        return Optional.empty();
    }
}
