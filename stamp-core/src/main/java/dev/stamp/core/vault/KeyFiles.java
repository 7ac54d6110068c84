package dev.stamp.core.vault;

import dev.stamp.core.StampException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Reads a key file of exactly {@value AesGcm#KEY_BYTES} bytes that only its owner may access, or creates
 * one (mode 0600 from the first instant) when it is missing. Stateless.
 */
final class KeyFiles {
    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyFiles() {}

    /** The key bytes; the caller wipes them. */
    static byte[] readOrCreate(Path path, SecureRandom random) {
        if (!Files.exists(path)) {
            byte[] created = create(path, random);
            if (created != null) return created;
        }
        return read(path);
    }

    /** Null when another process created the file first. */
    private static byte[] create(Path path, SecureRandom random) {
        byte[] key = new byte[AesGcm.KEY_BYTES];
        random.nextBytes(key);
        // The permissions are part of the create call: there is no moment where the key sits in a readable file.
        FileAttribute<?>[] attributes = posix(path)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(path, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
            ByteBuffer buffer = ByteBuffer.wrap(key);
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(true);
        } catch (FileAlreadyExistsException raced) {
            Arrays.fill(key, (byte) 0);
            return null;
        } catch (IOException e) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("cannot create key file " + path + ": " + e, e);
        }
        log.warn("Created key vault key file {} with 32 random bytes; a generated key file is for development only, "
                + "keep production key files off the host's disk or use a passphrase or PKCS#11", path);
        return key;
    }

    private static byte[] read(Path path) {
        try {
            if (posix(path)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    throw StampException.invalidArgument("key file " + path + " has permissions "
                            + PosixFilePermissions.toString(permissions) + "; it must be readable by its owner only (chmod 600 " + path + ")");
                }
            }
            long size = Files.size(path);
            if (size != AesGcm.KEY_BYTES) {
                throw StampException.invalidArgument("key file " + path + " holds " + size + " bytes; a key file holds exactly "
                        + AesGcm.KEY_BYTES + " random bytes");
            }
            byte[] key = Files.readAllBytes(path);
            if (key.length != AesGcm.KEY_BYTES) {
                Arrays.fill(key, (byte) 0);
                throw StampException.invalidArgument("key file " + path + " changed while it was read");
            }
            return key;
        } catch (NoSuchFileException e) {
            throw StampException.invalidArgument("key file " + path + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read key file " + path + ": " + e, e);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
