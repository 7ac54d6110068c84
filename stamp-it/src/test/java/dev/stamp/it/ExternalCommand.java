package dev.stamp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program in a directory with a timeout, capturing stdout and stderr together. A missing program
 * fails the test with the Debian package to install: these tests never skip, because a skipped interop test proves nothing.
 */
public final class ExternalCommand {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ExternalCommand() {}

    static CommandResult run(Path workDir, Tool tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool.program());
        command.addAll(List.of(args));
        return run(workDir, Map.of(), command, "install the Debian package '" + tool.debianPackage() + "': apt-get install -y " + tool.debianPackage());
    }

    /**
     * Any program, with extra environment variables; {@code missingHint} completes the failure message when the
     * program cannot start.
     */
    public static CommandResult run(Path workDir, Map<String, String> env, List<String> command, String missingHint) {
        String program = command.getFirst();
        try {
            // Output goes to a file, not a pipe, so a program that never closes its output cannot hang the reader.
            Path log = Files.createTempFile(workDir, Path.of(program).getFileName() + "-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("LC_ALL", "C"); // stable, English messages to match on
            builder.environment().putAll(env);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError(program + " is not installed or cannot run (" + e.getMessage() + "); " + missingHint, e);
            }
            process.getOutputStream().close(); // nothing to read on stdin: a prompt fails instead of waiting
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new CommandResult(command, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** What one run did: the command line, its exit code and its combined output. */
    public record CommandResult(List<String> command, int exitCode, String output) {
        public CommandResult {
            command = List.copyOf(command);
        }

        boolean succeeded() {
            return exitCode == 0;
        }

        /** For set-up steps (creating an NSS database, importing a certificate): any failure is a broken test, not a verdict. */
        CommandResult requireSuccess() {
            if (!succeeded()) throw new AssertionError("set-up command failed:\n" + transcript());
            return this;
        }

        String transcript() {
            return "$ " + String.join(" ", command) + "\n" + output.strip() + "\n[exit " + exitCode + "]";
        }
    }
}
