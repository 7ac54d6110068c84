package dev.stamp.manager.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Certificate's reload command ({@code /bin/sh -c CMD}) after its Secret changed, bounded in time, and turns
 * the result into an event: Normal {@code Reloaded} on exit 0, Warning {@code ReloadFailed} otherwise, each with the
 * exit code and the last lines of the output. The command sees the Secret's directory in {@code STAMP_SECRET_DIR}
 * and the Certificate in {@code STAMP_CERTIFICATE} ({@code namespace/name}).
 */
final class ReloadHook {
    /** The Certificate annotation naming the command; it wins over the agent's {@code --reload-command}. */
    static final String ANNOTATION = "stamp.dev/reload-command";
    static final int TAIL_LINES = 5;

    private final Duration timeout;

    ReloadHook(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    AgentEvent run(String command, String certificate, Path secretDir, Instant now) {
        Path output = null;
        try {
            output = Files.createTempFile("stamp-reload", ".out");
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command)
                    .redirectErrorStream(true).redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("STAMP_SECRET_DIR", secretDir.toString());
            env.put("STAMP_CERTIFICATE", certificate);
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return AgentEvent.of(AgentEvent.Type.Warning, "ReloadFailed", "Reload command " + quote(command)
                        + " did not finish within " + timeout.toSeconds() + "s and was killed" + tail(output), now);
            }
            int exit = p.exitValue();
            if (exit == 0) {
                return AgentEvent.of(AgentEvent.Type.Normal, "Reloaded", "Reload command " + quote(command) + " exited 0" + tail(output), now);
            }
            return AgentEvent.of(AgentEvent.Type.Warning, "ReloadFailed", "Reload command " + quote(command) + " exited " + exit + tail(output), now);
        } catch (IOException e) {
            return AgentEvent.of(AgentEvent.Type.Warning, "ReloadFailed", "Reload command " + quote(command) + " could not be run: " + e.getMessage(), now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AgentEvent.of(AgentEvent.Type.Warning, "ReloadFailed", "Reload command " + quote(command) + " was interrupted", now);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file left in /tmp is harmless
                }
            }
        }
    }

    private static String tail(Path output) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) lines.add(line.strip());
        }
        if (lines.isEmpty()) return "";
        return ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static String quote(String command) {
        return "\"" + command + "\"";
    }
}
