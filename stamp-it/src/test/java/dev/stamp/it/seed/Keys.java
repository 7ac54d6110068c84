package dev.stamp.it.seed;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Whether a Secret's {@code tls.key} is the key of its {@code tls.crt}, as openssl sees them (public keys compared). */
final class Keys {
    private Keys() {}

    static boolean match(Path dir, Path secret) {
        String fromCertificate = Command.run(dir, Map.of(), List.of("openssl", "x509", "-noout", "-pubkey", "-in", secret.resolve("tls.crt").toString())).ok();
        String fromKey = Command.run(dir, Map.of(), List.of("openssl", "pkey", "-pubout", "-in", secret.resolve("tls.key").toString())).ok();
        return fromCertificate.strip().equals(fromKey.strip());
    }
}
