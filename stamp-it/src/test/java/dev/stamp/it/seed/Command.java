package dev.stamp.it.seed;

import dev.stamp.it.ExternalCommand;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * External programs for the scenario: one run to completion (through {@link ExternalCommand}), or a long-running one
 * started and stopped. A run's output goes to a
 * file, not a pipe, so a program that leaves a child holding its output open cannot hang the test.
 */
final class Command {
    private Command() {}

    static Result run(Path dir, Map<String, String> env, List<String> command) {
        ExternalCommand.CommandResult r = ExternalCommand.run(dir, env, command, "is its Debian package installed?");
        return new Result(r.command(), r.exitCode(), r.output());
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
