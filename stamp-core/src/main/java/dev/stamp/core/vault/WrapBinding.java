package dev.stamp.core.vault;

import dev.stamp.core.crypto.KeyAlgorithm;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The additional authenticated data of a wrapped key: key id, algorithm and public key, length-prefixed.
 * Binding them means a blob moved to another key id, relabelled with another algorithm or paired with
 * another public key no longer decrypts. Stateless.
 */
final class WrapBinding {
    private static final String LABEL = "stamp-vault-key-v1";

    private WrapBinding() {}

    static byte[] aad(String keyId, KeyAlgorithm algorithm, byte[] publicKey) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + publicKey.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(LABEL);
            out.writeUTF(keyId);
            out.writeUTF(algorithm.name());
            out.writeInt(publicKey.length);
            out.write(publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
