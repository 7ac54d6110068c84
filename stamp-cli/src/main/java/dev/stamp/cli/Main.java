package dev.stamp.cli;

import dev.stamp.core.StampException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code stamp} command: a private PKI in one program. */
@Command(name = "stamp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Stamp: a private PKI. CA hierarchies, issuance, revocation, audit, and the CA server.",
        subcommands = {InitCommand.class, CaCommand.class, CertCommand.class, CrlCommand.class, AuditCommand.class, ServerCommand.class,
                AgentCommand.class, TokenCommand.class, TrustCommand.class, VaultCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (see 'stamp --help')");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; returns the exit code. Tests call this in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean verbose = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                    || parseResult.hasMatchedOption("--verbose");
            PrintWriter w = commandLine.getErr();
            if (e instanceof StampException se) {
                w.println("stamp: " + se.getMessage());
                if (verbose) e.printStackTrace(w);
                return ExitCodes.of(se.code());
            }
            if (e instanceof RemoteClient.ServerError se) {
                w.println("stamp: " + se.getMessage());
                if (verbose) e.printStackTrace(w);
                return ExitCodes.INTERNAL;
            }
            if (e instanceof UserError ue) {
                w.println("stamp: " + ue.getMessage());
                if (verbose) e.printStackTrace(w);
                return ExitCodes.USAGE;
            }
            w.println("stamp: unexpected error: " + e + (verbose ? "" : " (run with --verbose for details)"));
            if (verbose) e.printStackTrace(w);
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"stamp " + (v == null ? "development build" : v)};
        }
    }
}
