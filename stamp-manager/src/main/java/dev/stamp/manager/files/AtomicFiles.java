package dev.stamp.manager.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Durable replacement of a file: write a temporary file beside it (created with its final permissions, so a key is
 * never readable by others, not even briefly), fsync it, rename it over the target, fsync the directory. After
 * {@link #write} returns, a crash leaves either the old or the new content, never a mix; a reader (a TLS client
 * loading its truststore, update-ca-certificates) sees the old content or the new, never half of it.
 */
public final class AtomicFiles {
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    /** {@code permissions} null: the file system has none (or keep its defaults). */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        FileAttribute<?>[] attributes = permissions == null ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp", attributes);
        try {
            // Created with them (never more open than meant), then set exactly: the umask may have narrowed them.
            if (permissions != null) Files.setPosixFilePermissions(tmp, permissions);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        fsyncDirectory(dir);
    }

    public static void delete(Path target) throws IOException {
        if (Files.deleteIfExists(target)) fsyncDirectory(target.toAbsolutePath().getParent());
    }

    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /** The file's permissions, to keep them across a rewrite; null where the file does not exist or the file system has none. */
    public static Set<PosixFilePermission> permissions(Path file) throws IOException {
        if (!Files.exists(file) || Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) return null;
        return Files.getPosixFilePermissions(file);
    }
}
