package dev.stamp.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command that opens a data directory, or reaches a server in remote mode, takes. */
final class GlobalOptions {
    // A picocli mixin: commands declare `@Mixin GlobalOptions global;`.
    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $STAMP_DATA, else ./stamp-data).")
    Path data;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File holding the passphrase that protects CA keys (default: $STAMP_PASSPHRASE, else the data directory's key file).")
    Path passphraseFile;

    @Option(names = "--verbose", description = "Print stack traces with errors.")
    boolean verbose;

    @Option(names = "--crypto-provider", paramLabel = "auto|accp|jdk", hidden = true, defaultValue = "auto",
            description = "Which provider runs RSA and ECDSA (default: auto).")
    String cryptoProvider;

    @Option(names = "--server", paramLabel = "URL",
            description = "Work through this Stamp server's REST API instead of a data directory (default: $STAMP_SERVER).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "API token for --server (default: $STAMP_TOKEN). Prefer --token-file: a command line is visible to other users.")
    String token;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the API token for --server.")
    Path tokenFile;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM CA certificate(s) to trust for --server's TLS (default: the JDK's trust store).")
    Path caCert;

    Path dataDir() {
        if (data != null) return data;
        String env = System.getenv("STAMP_DATA");
        return Path.of(env != null && !env.isBlank() ? env : "stamp-data");
    }
}
