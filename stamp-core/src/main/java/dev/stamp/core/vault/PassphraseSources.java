package dev.stamp.core.vault;

import dev.stamp.core.StampException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Reads a passphrase from the environment or a file; stateless. */
final class PassphraseSources {
    private PassphraseSources() {}

    static KeyEncryptionKey.Passphrase fromEnvironment(Map<String, String> environment) {
        String value = environment.get(KeyEncryptionKey.PASSPHRASE_VARIABLE);
        if (value == null || value.isEmpty()) {
            throw StampException.invalidArgument("no key vault passphrase: " + KeyEncryptionKey.PASSPHRASE_VARIABLE + " is not set");
        }
        return new KeyEncryptionKey.Passphrase(value.toCharArray());
    }

    static KeyEncryptionKey.Passphrase fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw StampException.invalidArgument("passphrase file " + file + " does not exist");
        } catch (IOException e) {
            throw StampException.invalidArgument("cannot read passphrase file " + file + ": " + e.getMessage());
        }
        char[] chars = null;
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            chars = new char[decoded.remaining()];
            decoded.get(chars);
            Arrays.fill(decoded.array(), '\0');
            // Editors and `echo` add one line break; the passphrase is what comes before it.
            int end = chars.length;
            if (end > 0 && chars[end - 1] == '\n') end--;
            if (end > 0 && chars[end - 1] == '\r') end--;
            if (end == 0) throw StampException.invalidArgument("passphrase file " + file + " is empty");
            char[] trimmed = Arrays.copyOf(chars, end);
            try {
                return new KeyEncryptionKey.Passphrase(trimmed);
            } finally {
                Arrays.fill(trimmed, '\0');
            }
        } catch (CharacterCodingException e) {
            throw StampException.invalidArgument("passphrase file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null) Arrays.fill(chars, '\0');
        }
    }
}
