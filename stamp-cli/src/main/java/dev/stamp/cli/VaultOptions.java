package dev.stamp.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where {@code stamp init} keeps CA keys: software (encrypted at rest, the default) or a PKCS#11 token. */
final class VaultOptions {
    @Option(names = "--key-vault", paramLabel = "software|pkcs11", defaultValue = "software",
            description = "Where CA keys live (default: ${DEFAULT-VALUE}).")
    String kind;

    @Option(names = "--pkcs11-library", paramLabel = "FILE", description = "PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so.")
    Path library;

    @Option(names = "--pkcs11-slot-index", paramLabel = "N",
            description = "The N-th slot that holds a token (default: 0, the first; SunPKCS11 cannot select by token label).")
    Integer slotIndex;

    @Option(names = "--pkcs11-slot-id", paramLabel = "ID", description = "The slot id the PKCS#11 module reports (softhsm2-util --show-slots).")
    Long slotId;

    @Option(names = "--pkcs11-pin-file", paramLabel = "FILE", description = "File with the token's user PIN (or $STAMP_PKCS11_PIN).")
    Path pinFile;
}
