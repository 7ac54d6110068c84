package dev.stamp.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real CLI in-process against one data directory and captures what it prints. */
final class Cli {
    record Result(int exit, String out, String err) {}

    private final Path data;
    private final Path passphraseFile;

    Cli(Path data, Path passphraseFile) {
        this.data = data;
        this.passphraseFile = passphraseFile;
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        // Global options go after the subcommand path (picocli mixins belong to the leaf command).
        int insertAt = all.size();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("-")) { insertAt = i; break; }
        }
        List<String> extra = new ArrayList<>();
        if (data != null) extra.addAll(List.of("--data", data.toString()));
        if (passphraseFile != null) extra.addAll(List.of("--passphrase-file", passphraseFile.toString()));
        // Without a data directory (commands that take none, such as trust): the arguments as given.
        if (data != null && !List.of("templates").contains(all.getLast())) all.addAll(insertAt, extra);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }
}
