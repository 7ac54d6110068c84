package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.CryptoProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyFileTest {
    private final CryptoProviders providers = CryptoProviders.jdk();
    private final SecureRandom random = new SecureRandom();

    @TempDir Path dir;

    private SoftwareKeyVault open(Path keyFile) {
        return SoftwareKeyVault.open(new InMemoryWrappedKeyStore(), KeyEncryptionKey.keyFile(keyFile), providers, random);
    }

    @Test
    void aMissingKeyFileIsCreatedWith32RandomBytesReadableByItsOwnerOnly() throws Exception {
        Path keyFile = dir.resolve("vault.key");

        SoftwareKeyVault vault = open(keyFile);

        assertThat(Files.size(keyFile)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(vault.describe()).isEqualTo("software (AES-256-GCM, key file " + keyFile + ")");
    }

    @Test
    void aKeyFileReadableByGroupAndOthersIsRefused() throws Exception {
        Path keyFile = dir.resolve("vault.key");
        Files.write(keyFile, new byte[32]);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> open(keyFile))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("key file " + keyFile + " has permissions rw-r--r--; it must be readable by its owner only (chmod 600 " + keyFile + ")");
    }

    @Test
    void aKeyFileThatIsNot32BytesIsRefused() throws Exception {
        Path keyFile = dir.resolve("vault.key");
        Files.write(keyFile, "a passphrase is not a key\n".getBytes());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> open(keyFile))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("key file " + keyFile + " holds 26 bytes; a key file holds exactly 32 random bytes");
    }

    @Test
    void anExistingOwnerOnlyKeyFileIsUsedAsIs() throws Exception {
        Path keyFile = dir.resolve("vault.key");
        byte[] key = new byte[32];
        random.nextBytes(key);
        Files.write(keyFile, key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));

        open(keyFile);

        assertThat(Files.readAllBytes(keyFile)).isEqualTo(key);
    }
}
