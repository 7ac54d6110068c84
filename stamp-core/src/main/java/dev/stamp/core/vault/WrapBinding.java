package dev.stamp.core.vault;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.KeyAlgorithm;

import javax.crypto.AEADBadTagException;

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

    /**
     * The PKCS#8 private key inside {@code wrapped}, opened under {@code kek}; the caller wipes it.
     *
     * @throws StampException INVALID_STATE when the blob, its algorithm or its public key was altered, or the blob
     *         belongs to another key or vault
     */
    static byte[] open(AesGcm kek, WrappedKey wrapped) {
        try {
            return kek.open(wrapped.wrapped(), aad(wrapped.keyId(), wrapped.algorithm(), wrapped.publicKey()));
        } catch (AEADBadTagException e) {
            throw StampException.invalidState("the stored private key of key '" + wrapped.keyId() + "' (" + wrapped.algorithm()
                    + ") fails its integrity check: the encrypted blob, its algorithm or its public key was altered, "
                    + "or it belongs to another key or vault");
        }
    }

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
