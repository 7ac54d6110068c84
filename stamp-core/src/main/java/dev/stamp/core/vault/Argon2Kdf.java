package dev.stamp.core.vault;

import dev.stamp.core.StampException;
import org.bouncycastle.crypto.PasswordConverter;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (RFC 9106) parameters and salt, stored in the PHC string format
 * {@code $argon2id$v=19$m=65536,t=3,p=1$<salt>} so that a vault keeps deriving its key the same
 * way after the defaults change. Immutable.
 */
record Argon2Kdf(int memoryKiB, int iterations, int parallelism, byte[] salt) {
    static final int DEFAULT_MEMORY_KIB = 64 * 1024;
    static final int DEFAULT_ITERATIONS = 3;
    static final int DEFAULT_PARALLELISM = 1;
    static final int SALT_BYTES = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22,})");

    Argon2Kdf {
        // Bounds only keep a damaged setting from exhausting memory; the check value catches any other change.
        if (parallelism < 1 || parallelism > 16) throw new IllegalArgumentException("Argon2 parallelism " + parallelism + " is outside 1..16");
        if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) throw new IllegalArgumentException("Argon2 memory " + memoryKiB + " KiB is outside 8p..4 GiB");
        if (iterations < 1 || iterations > 100) throw new IllegalArgumentException("Argon2 iterations " + iterations + " is outside 1..100");
        if (salt.length < SALT_BYTES) throw new IllegalArgumentException("Argon2 salt must be at least " + SALT_BYTES + " bytes");
        salt = salt.clone();
    }

    static Argon2Kdf fresh(SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new Argon2Kdf(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM, salt);
    }

    static Argon2Kdf parse(String setting, String name) {
        Matcher m = PHC.matcher(setting);
        if (!m.matches()) {
            throw StampException.invalidState("key vault setting " + name + " is not an Argon2id parameter string: '" + setting + "'");
        }
        try {
            return new Argon2Kdf(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Base64.getDecoder().decode(m.group(4)));
        } catch (IllegalArgumentException e) {
            throw StampException.invalidState("key vault setting " + name + " holds unusable Argon2id parameters: " + e.getMessage());
        }
    }

    String encode() {
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(salt);
    }

    /** 32 key bytes from the passphrase (UTF-8); the caller wipes them. */
    byte[] derive(char[] passphrase) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .withCharToByteConverter(PasswordConverter.UTF8)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] key = new byte[AesGcm.KEY_BYTES];
        generator.generateBytes(passphrase, key);
        parameters.clear();
        return key;
    }

    @Override public byte[] salt() { return salt.clone(); }

    @Override public String toString() { return "Argon2id m=" + memoryKiB + " KiB, t=" + iterations + ", p=" + parallelism; }
}
