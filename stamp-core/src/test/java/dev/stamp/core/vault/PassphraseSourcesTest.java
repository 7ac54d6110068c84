package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PassphraseSourcesTest {
    @TempDir Path dir;

    @Test
    void thePassphraseComesFromStampPassphrase() {
        KeyEncryptionKey.Passphrase passphrase = KeyEncryptionKey.passphraseFromEnvironment(Map.of("STAMP_PASSPHRASE", "s3cret phrase"));

        assertThat(passphrase.value()).containsExactly("s3cret phrase".toCharArray());
    }

    @Test
    void aMissingStampPassphraseIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> KeyEncryptionKey.passphraseFromEnvironment(Map.of()))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("STAMP_PASSPHRASE");
    }

    @Test
    void aPassphraseFileLosesOnlyItsTrailingLineBreak() throws Exception {
        Path unix = Files.writeString(dir.resolve("unix"), " spaced  phrase\n", StandardCharsets.UTF_8);
        Path windows = Files.writeString(dir.resolve("windows"), "phrase\r\n", StandardCharsets.UTF_8);
        Path bare = Files.writeString(dir.resolve("bare"), "phrasé", StandardCharsets.UTF_8);

        assertThat(KeyEncryptionKey.passphraseFile(unix).value()).containsExactly(" spaced  phrase".toCharArray());
        assertThat(KeyEncryptionKey.passphraseFile(windows).value()).containsExactly("phrase".toCharArray());
        assertThat(KeyEncryptionKey.passphraseFile(bare).value()).containsExactly("phrasé".toCharArray());
    }

    @Test
    void anEmptyOrMissingPassphraseFileIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertThatThrownBy(() -> KeyEncryptionKey.passphraseFile(empty)).hasMessage("passphrase file " + empty + " is empty");
        assertThatThrownBy(() -> KeyEncryptionKey.passphraseFile(dir.resolve("absent"))).hasMessageContaining("does not exist");
    }

    @Test
    void aPassphraseNeverPrintsItself() {
        assertThat(KeyEncryptionKey.passphrase("hunter2".toCharArray())).hasToString("Passphrase[****]");
    }
}
