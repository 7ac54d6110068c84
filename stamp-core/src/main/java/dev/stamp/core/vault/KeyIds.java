package dev.stamp.core.vault;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.UUID;

/** Opaque key ids: random (version 4) UUIDs drawn from the vault's SecureRandom. Stateless. */
final class KeyIds {
    private KeyIds() {}

    static String random(SecureRandom random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }
}
