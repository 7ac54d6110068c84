package dev.stamp.manager.trust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds the stores a selection names on a machine described by a {@link TrustEnvironment}. */
public final class TrustStores {
    private TrustStores() {}

    /** In a fixed order: system, Java, NSS. */
    public static List<TrustStore> select(TrustSelection selection, TrustEnvironment env, Commands commands) {
        List<TrustStore> out = new ArrayList<>();
        if (selection.kinds().contains(StoreKind.SYSTEM)) out.add(system(selection, env, commands));
        if (selection.kinds().contains(StoreKind.JAVA)) {
            out.add(selection.truststore() != null
                    ? new JavaTrustStore(selection.truststore(), selection.truststorePassword(), true)
                    : new JavaTrustStore(env.javaHome().resolve("lib/security/cacerts"), selection.truststorePassword(), false));
        }
        if (selection.kinds().contains(StoreKind.NSS)) {
            String certutil = selection.os() == Os.WINDOWS ? null : env.program("certutil").orElse(null); // Windows' certutil is another program
            if (!selection.nssDbs().isEmpty()) {
                for (Path db : selection.nssDbs()) out.add(new NssStore(db, certutil, true, commands));
            } else {
                for (Path db : browserDatabases(selection.os(), env)) out.add(new NssStore(db, certutil, false, commands));
            }
        }
        return List.copyOf(out);
    }

    static TrustStore system(TrustSelection selection, TrustEnvironment env, Commands commands) {
        if (selection.os() != Os.LINUX) return new ManualStore(selection.os(), selection.rootFile());
        var debian = env.program("update-ca-certificates");
        var rhel = env.program("update-ca-trust");
        if (debian.isEmpty() && rhel.isPresent()) return rhel(env, rhel.get(), commands);
        return debian(env, debian.orElse("update-ca-certificates"), debian.isPresent(), commands);
    }

    /**
     * Debian/Ubuntu: {@code /usr/local/share/ca-certificates/stamp/<label>.crt}, then update-ca-certificates (with
     * {@code --fresh} after a removal, the only way it drops the link to a deleted file). Under a sandboxed system
     * root every directory it uses is passed as an option, so it never reads or writes the real /etc.
     */
    static AnchorDirectoryStore debian(TrustEnvironment env, String program, boolean present, Commands commands) {
        List<String> update = new ArrayList<>(List.of(program));
        if (env.sandboxed()) {
            update.addAll(List.of("--certsconf", env.system("/etc/ca-certificates.conf").toString(),
                    "--certsdir", env.system("/usr/share/ca-certificates").toString(),
                    "--localcertsdir", env.system("/usr/local/share/ca-certificates").toString(),
                    "--etccertsdir", env.system("/etc/ssl/certs").toString(),
                    "--hooksdir", env.system("/etc/ca-certificates/update.d").toString()));
        }
        List<String> fresh = new ArrayList<>(update);
        fresh.add("--fresh");
        return new AnchorDirectoryStore("debian", env.system("/usr/local/share/ca-certificates/stamp"),
                env.system("/etc/ssl/certs/ca-certificates.crt"), update, fresh, present, commands);
    }

    /**
     * RHEL/Fedora: {@code /etc/pki/ca-trust/source/anchors/<label>.crt}, then {@code update-ca-trust extract}. It
     * always reads the real /etc sources; under a sandboxed system root it is told to write into the sandbox
     * ({@code --output}), so it never rewrites the real bundles (and a sandbox is not a real test of it).
     */
    static AnchorDirectoryStore rhel(TrustEnvironment env, String program, Commands commands) {
        List<String> extract = env.sandboxed()
                ? List.of(program, "extract", "--output", env.system("/etc/pki/ca-trust/extracted").toString())
                : List.of(program, "extract");
        return new AnchorDirectoryStore("rhel", env.system("/etc/pki/ca-trust/source/anchors"),
                env.system("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"), extract, extract, true, commands);
    }

    /** Chromium's database (reported absent when missing) and every Firefox profile that has one. */
    static List<Path> browserDatabases(Os os, TrustEnvironment env) {
        Path home = env.home();
        List<Path> out = new ArrayList<>();
        List<Path> firefox;
        if (os == Os.LINUX) {
            out.add(home.resolve(".pki/nssdb"));
            firefox = List.of(home.resolve(".mozilla/firefox"), home.resolve("snap/firefox/common/.mozilla/firefox"));
        } else if (os == Os.MACOS) {
            firefox = List.of(home.resolve("Library/Application Support/Firefox/Profiles"));
        } else {
            return out; // Firefox on Windows trusts the system store's roots; NSS's certutil is not at hand there
        }
        for (Path dir : firefox) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> profiles = Files.list(dir)) {
                profiles.filter(p -> Files.isRegularFile(p.resolve("cert9.db"))).sorted().forEach(out::add);
            } catch (IOException e) {
                // an unreadable profile directory is simply not a store we can use
            }
        }
        return out;
    }
}
