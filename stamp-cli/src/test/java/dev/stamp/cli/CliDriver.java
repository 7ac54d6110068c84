package dev.stamp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process for tests in other packages; returns the exit code. */
public final class CliDriver {
    private CliDriver() {}

    public static int run(String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        if (exit != 0) System.err.println(err);
        return exit;
    }
}
