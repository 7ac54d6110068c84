package dev.stamp.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the server is and how to authenticate: --server/$STAMP_SERVER, and a token from --token, --token-file or
 * $STAMP_TOKEN (a file or the environment keeps it out of the process list).
 */
record RemoteOptions(URI server, String token, Path caCert) {
    @Override public String toString() { return "RemoteOptions[" + server + "]"; } // never the token

    /** Null when no server is named: the commands work on the data directory. */
    static RemoteOptions of(GlobalOptions global) {
        String server = global.server != null ? global.server : env("STAMP_SERVER");
        if (server == null) {
            if (global.token != null || global.tokenFile != null) throw new UserError("--token and --token-file need --server URL (or $STAMP_SERVER)");
            return null;
        }
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new UserError("--server '" + server + "' is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new UserError("--server '" + server + "' is not an http(s) URL such as https://127.0.0.1:8443");
        }
        if (global.token != null && global.tokenFile != null) throw new UserError("give --token or --token-file, not both");
        String token = global.token != null ? global.token : global.tokenFile != null ? read(global.tokenFile) : env("STAMP_TOKEN");
        if (token == null || token.isBlank()) {
            throw new UserError("remote mode needs an API token: --token-file FILE, $STAMP_TOKEN or --token T");
        }
        return new RemoteOptions(uri, token.strip(), global.caCert);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UserError("cannot read the token file " + file + ": " + e.getMessage());
        }
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }
}
