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
        @Option(names = "--aws", description = "Create an AWS access key pair (SigV4) for the AWS-compatible API instead of a bearer token (on the data directory).") boolean aws;

        @Override
        public Integer call() {
            if (aws) return createAccessKey();
            try (Backend backend = Backend.open(global)) {
                var created = backend.createToken(role, cas, name, expires);
                PrintWriter out = spec.commandLine().getOut();
                out.println(created.secret());
                spec.commandLine().getErr().println("token " + created.id() + " (" + created.role() + "): shown once, store it now");
                return 0;
            }
        }

        /** Printed as shell assignments, so that {@code export $(stamp token create --aws ...)} sets up the AWS CLI and SDKs. */
        private Integer createAccessKey() {
            if (RemoteOptions.of(global) != null) throw new UserError("AWS access keys are created on the server's data directory: run without --server");
            if (expires != null) throw new UserError("--expires applies to API tokens; AWS access keys last until revoked");
            try (StampHome home = StampHome.open(global)) {
                List<String> ids = cas == null ? List.of() : cas.stream().map(c -> home.ca(c).id()).toList();
                var created = home.accessKeys().create(role, ids, name, "cli");
                PrintWriter out = spec.commandLine().getOut();
                out.println("AWS_ACCESS_KEY_ID=" + created.key().id());
                out.println("AWS_SECRET_ACCESS_KEY=" + created.secretAccessKey());
                spec.commandLine().getErr().println("access key " + created.key().id() + " (" + role.name().toLowerCase(java.util.Locale.ROOT)
                        + "): the secret is shown once, store it now");
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List tokens and, on a data directory, AWS access keys (never their secrets).")
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
                // Access keys live on the data directory only; the local backend's home is already open (and its vault unlocked).
                if (backend instanceof LocalBackend local) {
                    for (var k : local.home().accessKeys().list()) {
                        out.printf("%s  %-7s  %-8s  %s  %s%s  (AWS access key)%n", k.id(), k.role().name().toLowerCase(java.util.Locale.ROOT),
                                k.revoked() ? "revoked" : "valid", k.createdAt(), k.name(), k.caIds().isEmpty() ? "" : "  CAs " + k.caIds());
                    }
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
            if (id.startsWith("SKIA") && RemoteOptions.of(global) == null) {
                try (StampHome home = StampHome.open(global)) {
                    home.accessKeys().revoke(id, "cli");
                }
                spec.commandLine().getOut().println("revoked " + id);
                return 0;
            }
            try (Backend backend = Backend.open(global)) {
                backend.revokeToken(id);
                spec.commandLine().getOut().println("revoked " + id);
                return 0;
            }
        }
    }
}
