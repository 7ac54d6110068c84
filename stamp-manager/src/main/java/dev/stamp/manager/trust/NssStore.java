package dev.stamp.manager.trust;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.Pem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NSS database (Chromium's {@code ~/.pki/nssdb}, a Firefox profile, or one given), driven by NSS's own
 * {@code certutil}: the root goes in as nickname {@code stamp-<16 hex>} with trust {@code C,,} (a CA trusted to
 * identify TLS servers). A database given explicitly is created, with an empty password, when absent.
 */
final class NssStore implements TrustStore {
    /** A line of {@code certutil -L}: the nickname, blanks, then the trust attributes {@code SSL,S/MIME,JAR/XPI}. */
    private static final Pattern LISTED = Pattern.compile("^(.*\\S)\\s+([a-zA-Z]*,[a-zA-Z]*,[a-zA-Z]*)\\s*$");

    private final Path dir;
    private final String certutil;
    private final boolean createIfAbsent;
    private final Commands commands;

    /** @param certutil the certutil program, null when it is not installed */
    NssStore(Path dir, String certutil, boolean createIfAbsent, Commands commands) {
        this.dir = Objects.requireNonNull(dir);
        this.certutil = certutil;
        this.createIfAbsent = createIfAbsent;
        this.commands = Objects.requireNonNull(commands);
    }

    @Override
    public StoreKind kind() {
        return StoreKind.NSS;
    }

    @Override
    public String name() {
        return "nss " + dir;
    }

    private String db() {
        return "sql:" + dir;
    }

    private boolean exists() {
        return Files.isRegularFile(dir.resolve("cert9.db"));
    }

    private String absence() {
        return certutil == null ? "certutil not found (Debian package libnss3-tools)" : "no NSS database (cert9.db) in " + dir;
    }

    @Override
    public Status check(TrustRoot root) {
        if (certutil == null || !exists()) return new Status.Absent(absence());
        String nickname = trustedNickname(root);
        return nickname == null ? new Status.NotTrusted("not trusted in " + dir) : new Status.Trusted("nickname '" + nickname + "' (C,,) in " + dir);
    }

    @Override
    public Change install(TrustRoot root) {
        if (certutil == null || (!exists() && !createIfAbsent)) return new Change.Absent(absence());
        if (!exists()) create();
        String nickname = trustedNickname(root);
        if (nickname != null) {
            return new Change.Unchanged((nickname.equals(root.alias()) ? "installed already as" : "trusted already as") + " nickname '" + nickname + "' in " + dir);
        }
        if (holds(root.alias(), root)) {
            run(List.of(certutil, "-M", "-d", db(), "-n", root.alias(), "-t", "C,,"));
            return new Change.Added("trust C,, on nickname '" + root.alias() + "' in " + dir);
        }
        Path pem = null;
        try {
            pem = Files.createTempFile("stamp-root-", ".pem");
            Files.writeString(pem, root.pem(), StandardCharsets.US_ASCII);
            run(List.of(certutil, "-A", "-d", db(), "-n", root.alias(), "-t", "C,,", "-i", pem.toString()));
        } catch (IOException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot write a temporary file for certutil: " + e.getMessage(), e);
        } finally {
            if (pem != null) {
                try {
                    Files.deleteIfExists(pem);
                } catch (IOException ignored) {
                    // a leftover public certificate in the temp directory harms nobody
                }
            }
        }
        return new Change.Added("nickname '" + root.alias() + "' (C,,) in " + dir);
    }

    @Override
    public Change uninstall(TrustRoot root) {
        if (certutil == null || !exists()) return new Change.Absent(absence());
        if (!holds(root.alias(), root)) return new Change.Unchanged("nothing of Stamp's: no nickname '" + root.alias() + "' in " + dir);
        run(List.of(certutil, "-D", "-d", db(), "-n", root.alias()));
        String other = trustedNickname(root);
        return new Change.Removed("nickname '" + root.alias() + "' from " + dir + (other == null ? "" : "; still trusted as '" + other + "'"));
    }

    private void create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot create " + dir + ": " + e.getMessage(), e);
        }
        run(List.of(certutil, "-N", "-d", db(), "--empty-password"));
    }

    /** The nickname under which the database trusts the root for TLS servers: Stamp's own first, else any. */
    private String trustedNickname(TrustRoot root) {
        List<String> candidates = new ArrayList<>();
        for (String line : run(List.of(certutil, "-L", "-d", db())).split("\n")) {
            Matcher m = LISTED.matcher(line);
            if (m.matches() && m.group(2).split(",", -1)[0].contains("C")) candidates.add(m.group(1));
        }
        candidates.sort((a, b) -> Boolean.compare(!a.equals(root.alias()), !b.equals(root.alias())));
        for (String nickname : candidates) {
            if (holds(nickname, root)) return nickname;
        }
        return null;
    }

    /** Whether a certificate under this nickname is the root (a nickname may name several certificates). */
    private boolean holds(String nickname, TrustRoot root) {
        Commands.Result r = commands.run(List.of(certutil, "-L", "-d", db(), "-n", nickname, "-a"));
        if (!r.ok()) return false; // no such nickname
        try {
            return Pem.certificates(r.output().getBytes(StandardCharsets.US_ASCII)).stream()
                    .anyMatch(c -> java.util.Arrays.equals(Pem.encoded(c), root.der()));
        } catch (StampException e) {
            return false;
        }
    }

    private String run(List<String> command) {
        Commands.Result r = commands.run(command);
        if (!r.ok()) {
            throw new StampException(ErrorCode.REQUEST_FAILED, String.join(" ", command) + " failed (exit " + r.exit() + "): " + r.output().strip());
        }
        return r.output();
    }
}
