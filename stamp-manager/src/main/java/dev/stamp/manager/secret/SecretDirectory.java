package dev.stamp.manager.secret;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Secrets as directories {@code <root>/<namespace>/<name>/}, written the way kubelet's AtomicWriter writes projected
 * volumes, so that a reader never sees a half-written Secret:
 * <ol>
 *   <li>every file goes into a fresh hidden generation directory {@code ..gen-<random>} (fsynced);</li>
 *   <li>a symlink {@code ..data} is pointed at it by renaming a new link over the old one (one atomic rename);</li>
 *   <li>the visible names ({@code tls.crt}, {@code tls.key}, ...) are symlinks to {@code ..data/<key>}, created for
 *       new keys and removed for keys the Secret no longer has;</li>
 *   <li>older generations are deleted.</li>
 * </ol>
 * A reader that opens {@code tls.crt} and later {@code tls.key} by their visible names can still straddle a switch;
 * one that needs a consistent pair resolves {@code ..data} once (as {@link #get} does) or reads after the writer
 * reports success. Directories are 0755 so that a service reading the certificates can list them; certificates
 * ({@code tls.crt}, {@code ca.crt}, truststores) and the metadata are 0644; every other key ({@code tls.key},
 * {@code key.der}, {@code tls-combined.pem}, keystores, anything unknown) is 0600. A failed write throws {@link SecretDirectoryException} naming the path and leaves the previous
 * generation live and no new file or directory behind.
 * <p>
 * Thread-safe within one instance (writes and deletes are serialised); two processes must not write one root.
 * {@link #get} also reads a plain directory of files (e.g. a CA's {@code tls.crt}/{@code tls.key} put there by hand).
 */
public final class SecretDirectory implements SecretSource {
    static final String DATA_LINK = "..data";
    static final String DATA_LINK_TMP = "..data_tmp";
    static final String METADATA_FILE = "..secret-metadata.json";
    private static final String GENERATION_PREFIX = "..gen-";
    private static final Logger LOG = LoggerFactory.getLogger(SecretDirectory.class);
    /** A DNS-1123 subdomain: what Kubernetes allows for namespace and Secret names. */
    private static final Pattern OBJECT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    /** Kubernetes Secret data keys; ".." prefixes are reserved for the writer's own entries. */
    private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<String> PUBLIC_KEYS = Set.of(Secret.TLS_CRT, Secret.CA_CRT, METADATA_FILE,
            TlsSecretBuilder.TRUSTSTORE_P12, TlsSecretBuilder.TRUSTSTORE_JKS);
    private static final int READ_ATTEMPTS = 5;

    private final Path root;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public SecretDirectory(Path outputRoot) {
        this.root = Objects.requireNonNull(outputRoot, "outputRoot").toAbsolutePath();
    }

    /** The directory a Secret is written to (whether or not it exists). */
    public Path pathOf(String namespace, String name) {
        return root.resolve(checkName(namespace, "namespace")).resolve(checkName(name, "name"));
    }

    /**
     * Writes the Secret as the new generation of its directory, replacing every data key atomically.
     *
     * @throws IllegalArgumentException  naming a namespace, name or data key that cannot be a path
     * @throws SecretDirectoryException naming the path when the file system refuses; the old content stays
     */
    public synchronized void write(Secret secret) {
        ObjectMeta meta = secret.metadata();
        Path dir = pathOf(meta.namespace(), meta.name());
        secret.data().keySet().forEach(SecretDirectory::checkKey);
        List<Path> createdDirectories = new ArrayList<>();
        Path generation = null;
        try {
            createDirectories(dir, createdDirectories);
            generation = Files.createTempDirectory(dir, GENERATION_PREFIX);
            Files.setPosixFilePermissions(generation, DIRECTORY);
            for (Map.Entry<String, byte[]> e : secret.data().entrySet()) {
                writeFile(generation.resolve(e.getKey()), e.getValue(), permissionsFor(e.getKey()));
            }
            SecretMetadata metadata = new SecretMetadata(secret.type(), meta.labels(), meta.annotations(), List.copyOf(secret.data().keySet()));
            writeFile(generation.resolve(METADATA_FILE), json.writeValueAsBytes(metadata), PUBLIC);
            fsync(generation);
            Path tmpLink = dir.resolve(DATA_LINK_TMP);
            Files.deleteIfExists(tmpLink);
            Files.createSymbolicLink(tmpLink, generation.getFileName());
            Files.move(tmpLink, dir.resolve(DATA_LINK), StandardCopyOption.ATOMIC_MOVE);
            fsync(dir);
        } catch (IOException | RuntimeException e) {
            rollBack(dir, generation, createdDirectories);
            throw new SecretDirectoryException("cannot write Secret " + meta.namespace() + "/" + meta.name(),
                    generation == null ? dir : generation, e);
        }
        // The new generation is live from here: what follows only tidies the visible names and old generations.
        try {
            updateVisibleLinks(dir, secret.data().keySet());
        } catch (IOException e) {
            throw new SecretDirectoryException("Secret " + meta.namespace() + "/" + meta.name()
                    + " was switched to its new generation but its visible file names could not be updated", dir, e);
        }
        removeOldGenerations(dir, generation.getFileName().toString());
    }

    /** The Secret in {@code <root>/<namespace>/<name>/}, read from one generation; empty when there is none. */
    @Override
    public Optional<Secret> get(String namespace, String name) {
        Path dir = pathOf(namespace, name);
        for (int attempt = 1; ; attempt++) {
            try {
                return read(namespace, name, dir);
            } catch (NoSuchFileException e) {
                // A writer removed the generation we resolved between our reads: resolve ..data again.
                if (attempt == READ_ATTEMPTS) {
                    throw new SecretDirectoryException("cannot read Secret " + namespace + "/" + name + " while it keeps changing", dir, e);
                }
            } catch (IOException e) {
                throw new SecretDirectoryException("cannot read Secret " + namespace + "/" + name, dir, e);
            }
        }
    }

    /**
     * Removes the Secret's directory. It is first renamed to a hidden sibling so that readers see either the whole
     * Secret or none.
     *
     * @return whether there was a Secret to delete
     */
    public synchronized boolean delete(String namespace, String name) {
        Path dir = pathOf(namespace, name);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return false;
        Path doomed = dir.resolveSibling(".." + name + ".deleting-" + System.nanoTime());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SecretDirectoryException("cannot delete Secret " + namespace + "/" + name, dir, e);
        }
        try {
            deleteTree(doomed);
        } catch (IOException e) {
            LOG.warn("Secret {}/{} deleted but its old files remain in {}: {}", namespace, name, doomed, e.toString());
        }
        return true;
    }

    private Optional<Secret> read(String namespace, String name, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return Optional.empty();
        Path link = dir.resolve(DATA_LINK);
        if (!Files.isSymbolicLink(link)) {
            return readPlain(namespace, name, dir);
        }
        Path generation = dir.resolve(Files.readSymbolicLink(link));
        SecretMetadata metadata = json.readValue(Files.readAllBytes(generation.resolve(METADATA_FILE)), SecretMetadata.class);
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (String key : metadata.keys()) {
            data.put(key, Files.readAllBytes(generation.resolve(key)));
        }
        ObjectMeta meta = new ObjectMeta(name, namespace, metadata.labels(), metadata.annotations());
        return Optional.of(new Secret(meta, metadata.type(), data));
    }

    /** A directory someone filled by hand: every visible regular file is a data key. */
    private Optional<Secret> readPlain(String namespace, String name, Path dir) throws IOException {
        Map<String, byte[]> data = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String key = f.getFileName().toString();
                if (!key.startsWith(".") && Files.isRegularFile(f)) data.put(key, Files.readAllBytes(f));
            }
        }
        return Optional.of(new Secret(ObjectMeta.of(namespace, name), Secret.TLS_TYPE, data));
    }

    private void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) missing.addFirst(p);
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException raced) {
                if (Files.isDirectory(p)) continue;
                throw raced;
            }
            created.add(p);
            Files.setPosixFilePermissions(p, DIRECTORY);
        }
    }

    private static void writeFile(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        // Created with the final mode (not chmod-ed after writing), so a key is never readable by others, even briefly.
        try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(permissions))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) ch.write(buffer);
            ch.force(true);
        }
        Files.setPosixFilePermissions(file, permissions); // the umask may have narrowed 0644
    }

    private static void fsync(Path directory) throws IOException {
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static Set<PosixFilePermission> permissionsFor(String key) {
        return PUBLIC_KEYS.contains(key) ? PUBLIC : PRIVATE;
    }

    private void updateVisibleLinks(Path dir, Set<String> keys) throws IOException {
        for (String key : keys) {
            Path visible = dir.resolve(key);
            Path target = Path.of(DATA_LINK, key);
            if (Files.isSymbolicLink(visible) && Files.readSymbolicLink(visible).equals(target)) continue;
            Files.deleteIfExists(visible);
            Files.createSymbolicLink(visible, target);
        }
        Set<String> wanted = new LinkedHashSet<>(keys);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String entryName = entry.getFileName().toString();
                if (entryName.startsWith("..") || wanted.contains(entryName) || !Files.isSymbolicLink(entry)) continue;
                if (Files.readSymbolicLink(entry).startsWith(DATA_LINK)) Files.delete(entry);
            }
        }
    }

    private void removeOldGenerations(Path dir, String current) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, GENERATION_PREFIX + "*")) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(current)) deleteTree(entry);
            }
        } catch (IOException e) {
            LOG.warn("old generations of {} could not all be removed: {}", dir, e.toString());
        }
    }

    private void rollBack(Path dir, Path generation, List<Path> createdDirectories) {
        try {
            Files.deleteIfExists(dir.resolve(DATA_LINK_TMP));
        } catch (IOException ignored) {
            // Not ours (the failure may be exactly that it cannot be removed); the next write replaces it.
        }
        try {
            if (generation != null) deleteTree(generation);
            for (Path p : createdDirectories.reversed()) Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("could not remove the half-written generation {} of a failed write: {}", generation, e.toString());
        }
    }

    private static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(top)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String checkName(String value, String what) {
        if (value == null || !OBJECT_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("Secret " + what + " '" + value + "' is not a DNS-1123 subdomain");
        }
        return value;
    }

    private static void checkKey(String key) {
        if (!DATA_KEY.matcher(key).matches() || key.startsWith("..") || key.equals(".")) {
            throw new IllegalArgumentException("Secret data key '" + key + "' is not a valid file name (allowed: [-._a-zA-Z0-9], not starting with '..')");
        }
    }
}
