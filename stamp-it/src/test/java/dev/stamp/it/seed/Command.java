package dev.stamp.it.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One external program run to completion in a directory, with extra environment and a time limit. Output goes to a
 * file, not a pipe, so a program that leaves a child holding its output open cannot hang the test.
 */
final class Command {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Command() {}

    static Result run(Path dir, Map<String, String> env, List<String> command) {
        try {
            Path log = Files.createTempFile(dir, "cmd-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("LC_ALL", "C");
            builder.environment().putAll(env);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError(command.getFirst() + " cannot run (" + e.getMessage() + "): is its Debian package installed?", e);
            }
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** Starts a long-running program with its output appended to {@code log}. */
    static Process start(Path dir, Map<String, String> env, List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LC_ALL", "C");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new AssertionError(command.getFirst() + " cannot start (" + e.getMessage() + "): is its Debian package installed?", e);
        }
    }

    /** SIGTERM, then SIGKILL after a grace period; never throws (it runs in clean-up). */
    static void stop(Process process) {
        if (process == null) return;
        try {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** What one run did. */
    record Result(List<String> command, int exit, String output) {
        Result {
            command = List.copyOf(command);
        }

        /** The output, failing the test with the transcript when the program failed. */
        String ok() {
            if (exit != 0) throw new AssertionError("command failed:\n" + transcript());
            return output;
        }

        String transcript() {
            return "$ " + String.join(" ", command) + "\n" + output.strip() + "\n[exit " + exit + "]";
        }
    }
}
