package dev.stamp.core.vault;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The additional authenticated data of a sealed secret: a label distinct from {@link WrapBinding}'s, so a wrapped
 * private key can never be opened as a secret nor the reverse, and the secret's context. Stateless.
 */
public final class SealBinding {
    private static final String LABEL = "stamp-vault-secret-v1";

    private SealBinding() {}

    public static byte[] aad(String context) {
        Objects.requireNonNull(context, "context");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + context.length());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(LABEL);
            out.writeUTF(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
