package dev.stamp.cli;

import dev.stamp.core.token.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code stamp token}: API tokens for the server, on the data directory or through a server (admin token). */
@Command(name = "token", description = "Create, list and revoke the server's API tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @Command(name = "create", description = "Create a token and print it once: only its hash is kept.")
    static final class Create implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin GlobalOptions global;
        @Option(names = "--role", required = true, description = "admin, issuer or auditor.") Role role;
        @Option(names = "--ca", paramLabel = "CA", description = "A CA an issuer token may use (repeatable; id or prefix).") List<String> cas;
        @Option(names = "--name", description = "A label for the token.") String name;
        @Option(names = "--expires", paramLabel = "DURATION", description = "Expire after this long, e.g. 90d, 12h, 1y (default: never).") String expires;

        @Override
        public Integer call() {
            try (Backend backend = Backend.open(global)) {
                var created = backend.createToken(role, cas, name, expires);
                PrintWriter out = spec.commandLine().getOut();
                out.println(created.secret());
                spec.commandLine().getErr().println("token " + created.id() + " (" + created.role() + "): shown once, store it now");
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List tokens (never their secrets).")
    static final class ListTokens implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin GlobalOptions global;

        @Override
        public Integer call() {
            try (Backend backend = Backend.open(global)) {
                PrintWriter out = spec.commandLine().getOut();
                for (Views.Token t : backend.listTokens()) {
                    out.printf("%s  %-7s  %-8s  %s  %s%s%s%n", t.id(), t.role(), t.status(), t.createdAt(), t.name(),
                            t.caIds().isEmpty() ? "" : "  CAs " + t.caIds(), t.expiresAt() == null ? "" : "  expires " + t.expiresAt());
                }
                return 0;
            }
        }
    }

    @Command(name = "revoke", description = "Revoke a token by id: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;
        @Mixin GlobalOptions global;
        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() {
            try (Backend backend = Backend.open(global)) {
                backend.revokeToken(id);
                spec.commandLine().getOut().println("revoked " + id);
                return 0;
            }
        }
    }
}
