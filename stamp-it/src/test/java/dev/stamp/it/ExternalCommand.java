package dev.stamp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program in a directory with a timeout, capturing stdout and stderr together. A missing program
 * fails the test with the Debian package to install: these tests never skip, because a skipped interop test proves nothing.
 */
final class ExternalCommand {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ExternalCommand() {}

    static CommandResult run(Path workDir, Tool tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool.program());
        command.addAll(List.of(args));
        try {
            // Output goes to a file, not a pipe, so a program that never closes its output cannot hang the reader.
            Path log = Files.createTempFile(workDir, tool.program() + "-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("LC_ALL", "C"); // stable, English messages to match on
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new AssertionError(tool.program() + " is not installed or cannot run (" + e.getMessage()
                        + "); install the Debian package '" + tool.debianPackage() + "': apt-get install -y " + tool.debianPackage(), e);
            }
            process.getOutputStream().close(); // nothing to read on stdin: a prompt fails instead of waiting
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new CommandResult(command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** What one run did: the command line, its exit code and its combined output. */
    record CommandResult(List<String> command, int exitCode, String output) {
        CommandResult {
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
