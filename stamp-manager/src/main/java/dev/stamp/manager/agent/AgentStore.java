package dev.stamp.manager.agent;

import dev.stamp.manager.files.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.spec.PrivateKeyEncoding;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The agent's own durable state under its data directory:
 * <pre>
 *   agent.lock                              held by the running agent (two agents on one directory refuse to run)
 *   agent-state.json                        output directory, manifest problems, issuer checks ({@link AgentSnapshot})
 *   certificates/&lt;ns&gt;/&lt;name&gt;.json          one {@link CertificateRecord}
 *   certificates/&lt;ns&gt;/&lt;name&gt;.next-key.pem  the next private key, 0600, only while issuing
 *   renew/&lt;ns&gt;_&lt;name&gt; | renew/_all            renewal requests from {@code stamp agent renew}
 * </pre>
 * Every write is atomic and durable before the method returns (see {@link AtomicFiles}), so the agent acts only on
 * state that survives a crash. A store opened with {@link #lock} is the one writer; {@link #readOnly} is for the CLI's
 * {@code status} and {@code renew}, which only read records and drop renewal requests. Thread-safe for one writer.
 */
public final class AgentStore implements AutoCloseable {
    static final String LOCK_FILE = "agent.lock";
    static final String SNAPSHOT_FILE = "agent-state.json";
    static final String CERTIFICATES = "certificates";
    static final String RENEW = "renew";
    static final String RENEW_ALL = "_all";
    private static final String RECORD_SUFFIX = ".json";
    private static final String KEY_SUFFIX = ".next-key.pem";
    /** Namespaces and names are DNS-1123 labels or subdomains, so they are safe path segments; '_' never occurs in them. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ObjectMapper json = StoreJson.mapper();

    private AgentStore(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens the data directory (creating it, 0700) as its one writer.
     *
     * @throws AgentStoreException when another agent holds it, naming the lock file
     */
    public static AgentStore lock(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        try {
            createPrivateDirectory(dir);
            Path lockFile = dir.resolve(LOCK_FILE);
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                // Held by this very process, through another store. The channel stays open on purpose: record locks
                // belong to the process, and closing any descriptor of the file would release the other store's lock.
                throw new AgentStoreException("another stamp agent is already running on the data directory " + dir
                        + " (it holds " + lockFile + ", in this process)");
            }
            if (l == null) {
                ch.close();
                throw new AgentStoreException("another stamp agent is already running on the data directory " + dir
                        + " (it holds " + lockFile + "); stop it first or give this one its own --data");
            }
            return new AgentStore(dir, ch, l);
        } catch (IOException e) {
            throw new AgentStoreException("cannot open the agent data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Opens the data directory to read records and drop renewal requests, beside a running agent. */
    public static AgentStore readOnly(Path dataDir) {
        Path dir = dataDir.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new AgentStoreException("the agent data directory " + dir + " does not exist (has 'stamp agent' run with this --data?)");
        }
        return new AgentStore(dir, null, null);
    }

    public Path dir() {
        return dir;
    }

    // ---- certificate records

    public Optional<CertificateRecord> load(String namespace, String name) {
        Path file = recordFile(namespace, name);
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), CertificateRecord.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AgentStoreException("cannot read the agent record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every stored record, by namespace then name. */
    public List<CertificateRecord> loadAll() {
        Path root = dir.resolve(CERTIFICATES);
        if (!Files.isDirectory(root)) return List.of();
        List<CertificateRecord> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(RECORD_SUFFIX)).sorted().toList()) {
                String ns = f.getParent().getFileName().toString();
                String fileName = f.getFileName().toString();
                load(ns, fileName.substring(0, fileName.length() - RECORD_SUFFIX.length())).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new AgentStoreException("cannot list the agent records in " + root + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(CertificateRecord::namespace).thenComparing(CertificateRecord::name));
        return out;
    }

    public void save(CertificateRecord record) {
        writable();
        Path file = recordFile(record.namespace(), record.name());
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(record), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new AgentStoreException("cannot write the agent record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forgets a Certificate: its record and any next key. */
    public void delete(String namespace, String name) {
        writable();
        try {
            AtomicFiles.delete(recordFile(namespace, name));
            AtomicFiles.delete(keyFile(namespace, name));
        } catch (IOException e) {
            throw new AgentStoreException("cannot delete the agent record of " + namespace + "/" + name + ": " + e.getMessage(), e);
        }
    }

    // ---- the next private key

    public Optional<KeyPair> loadNextKey(String namespace, String name) {
        Path file = keyFile(namespace, name);
        try {
            return Optional.of(PrivateKeys.decode(Files.readString(file, StandardCharsets.US_ASCII)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new AgentStoreException("cannot read the next private key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // undecodable: a new one is generated, as cert-manager does
        }
    }

    /** Stores the key as PKCS#8 PEM, 0600, durably: the request made with it may outlive this process. */
    public void saveNextKey(String namespace, String name, KeyPair key) {
        writable();
        Path file = keyFile(namespace, name);
        try {
            AtomicFiles.write(file, PrivateKeys.encode(key.getPrivate(), PrivateKeyEncoding.PKCS8).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new AgentStoreException("cannot write the next private key " + file + ": " + e.getMessage(), e);
        }
    }

    public void deleteNextKey(String namespace, String name) {
        writable();
        try {
            AtomicFiles.delete(keyFile(namespace, name));
        } catch (IOException e) {
            throw new AgentStoreException("cannot delete the next private key of " + namespace + "/" + name + ": " + e.getMessage(), e);
        }
    }

    Path keyFile(String namespace, String name) {
        return certificateDir(namespace).resolve(checkName(name, "name") + KEY_SUFFIX);
    }

    // ---- the snapshot for status

    public AgentSnapshot loadSnapshot() {
        Path file = dir.resolve(SNAPSHOT_FILE);
        try {
            return json.readValue(Files.readAllBytes(file), AgentSnapshot.class);
        } catch (NoSuchFileException e) {
            return AgentSnapshot.EMPTY;
        } catch (IOException e) {
            throw new AgentStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public void saveSnapshot(AgentSnapshot snapshot) {
        writable();
        Path file = dir.resolve(SNAPSHOT_FILE);
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(snapshot), AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new AgentStoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- renewal requests

    /** The directory a running agent watches for renewal requests. */
    public Path renewDir() {
        return dir.resolve(RENEW);
    }

    /** Asks the agent to re-issue one Certificate (applied by the running agent, or at its next start). */
    public void requestRenewal(String namespace, String name) {
        dropRenewal(checkName(namespace, "namespace") + "_" + checkName(name, "name"));
    }

    public void requestRenewalOfAll() {
        dropRenewal(RENEW_ALL);
    }

    /** A pending renewal request: one Certificate, or every one when {@code all}. */
    public record Renewal(Path file, boolean all, String namespace, String name) {}

    public List<Renewal> pendingRenewals() {
        Path renew = renewDir();
        if (!Files.isDirectory(renew)) return List.of();
        List<Renewal> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(renew)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.startsWith(".")) continue; // a request still being written
                if (n.equals(RENEW_ALL)) {
                    out.add(new Renewal(f, true, "", ""));
                } else {
                    int at = n.indexOf('_');
                    if (at > 0) out.add(new Renewal(f, false, n.substring(0, at), n.substring(at + 1)));
                }
            }
        } catch (IOException e) {
            throw new AgentStoreException("cannot list renewal requests in " + renew + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(r -> r.file().getFileName().toString()));
        return out;
    }

    public void consumed(Renewal renewal) {
        try {
            AtomicFiles.delete(renewal.file());
        } catch (IOException e) {
            throw new AgentStoreException("cannot remove the renewal request " + renewal.file() + ": " + e.getMessage(), e);
        }
    }

    private void dropRenewal(String fileName) {
        Path file = renewDir().resolve(fileName);
        try {
            AtomicFiles.write(file, new byte[0], AtomicFiles.PRIVATE);
        } catch (IOException e) {
            throw new AgentStoreException("cannot write the renewal request " + file + ": " + e.getMessage(), e);
        }
    }

    // ----

    private Path recordFile(String namespace, String name) {
        return certificateDir(namespace).resolve(checkName(name, "name") + RECORD_SUFFIX);
    }

    private Path certificateDir(String namespace) {
        return dir.resolve(CERTIFICATES).resolve(checkName(namespace, "namespace"));
    }

    private void writable() {
        if (lock == null) throw new IllegalStateException("the agent store at " + dir + " was opened read-only");
    }

    private static String checkName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " \"" + value + "\": must be a lowercase DNS-1123 subdomain");
        }
        return value;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
    }

    @Override
    public void close() {
        if (lockChannel == null) return;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new AgentStoreException("cannot release " + dir.resolve(LOCK_FILE) + ": " + e.getMessage(), e);
        }
    }
}
