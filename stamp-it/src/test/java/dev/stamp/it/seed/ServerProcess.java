package dev.stamp.it.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code stamp server} on an empty data directory and free loopback ports, as its own process; what it prints
 * at start (API and HTTP URLs, the embedded root's SHA-256 fingerprint) is read from its log.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern API = Pattern.compile("API:\\s+(https://\\S+)/api/v1");
    private static final Pattern HTTP = Pattern.compile("HTTP:\\s+(http://\\S+)");
    private static final Pattern FINGERPRINT = Pattern.compile("root SHA-256 fingerprint: ([0-9A-F:]{95})");

    private final Process process;
    final Path data;
    final Path log;
    final String apiUrl;
    final String httpUrl;
    final String rootFingerprint;

    private ServerProcess(Process process, Path data, Path log, Map<String, String> printed) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.apiUrl = printed.get("api");
        this.httpUrl = printed.get("http");
        this.rootFingerprint = printed.get("fingerprint");
    }

    static ServerProcess start(StampJar stamp, Path dir) {
        Path data = dir.resolve("server-data");
        Path log = dir.resolve("server.log");
        Process process = Command.start(dir, Map.of(), stamp.command("server", "--data", data.toString(),
                "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"), log);
        try {
            Map<String, String> printed = Waiting.until("stamp server to print its URLs (log " + log + ")", Duration.ofSeconds(120), () -> {
                if (!process.isAlive()) throw new IllegalStateException("stamp server exited with " + process.exitValue() + ":\n" + read(log));
                String text = read(log);
                Matcher api = API.matcher(text);
                Matcher http = HTTP.matcher(text);
                Matcher fingerprint = FINGERPRINT.matcher(text);
                if (!(api.find() && http.find() && fingerprint.find())) return null;
                return Map.of("api", api.group(1), "http", http.group(1), "fingerprint", fingerprint.group(1));
            });
            return new ServerProcess(process, data, log, printed);
        } catch (RuntimeException | AssertionError e) {
            Command.stop(process);
            throw e;
        }
    }

    /** The fingerprint as bare lower-case hex, the form of the server's {@code /roots/{sha256}.crt} route. */
    String rootFingerprintHex() {
        return rootFingerprint.replace(":", "").toLowerCase();
    }

    static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Command.stop(process);
    }
}
