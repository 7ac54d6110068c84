package dev.stamp.cli;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.manager.trust.Change;
import dev.stamp.manager.trust.Fingerprint;
import dev.stamp.manager.trust.Os;
import dev.stamp.manager.trust.Processes;
import dev.stamp.manager.trust.RootDownload;
import dev.stamp.manager.trust.Status;
import dev.stamp.manager.trust.StoreKind;
import dev.stamp.manager.trust.TrustEnvironment;
import dev.stamp.manager.trust.TrustRoot;
import dev.stamp.manager.trust.TrustSelection;
import dev.stamp.manager.trust.TrustStore;
import dev.stamp.manager.trust.TrustStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** {@code stamp trust install | uninstall | check}: the root of a Stamp hierarchy in this machine's trust stores. */
@Command(name = "trust", description = {"Put the root of a Stamp hierarchy into this machine's trust stores, take it out, or check.",
        "Stores: the Linux system store (Debian update-ca-certificates or RHEL update-ca-trust), a Java truststore,",
        "NSS databases (Chromium, Firefox); on macOS and Windows the exact command to run is printed."})
final class TrustCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "install", description = "Trust the root in each selected store (installing twice changes nothing).")
    int install(@Mixin TrustOptions options) {
        return change(options, "install", TrustStore::install);
    }

    @Command(name = "uninstall", description = "Remove what Stamp added for the root (its file, alias or nickname), nothing else.")
    int uninstall(@Mixin TrustOptions options) {
        return change(options, "uninstall", TrustStore::uninstall);
    }

    @Command(name = "check", description = {"Report, store by store, whether the root is trusted.",
            "Exit 1 if a store does not trust it, or if no store of an explicitly named kind is present."})
    int check(@Mixin TrustOptions options) {
        List<Row> rows = eachStore(options, (store, root) -> {
            Status s = store.check(root);
            return new Row(store, switch (s) {
                case Status.Trusted t -> "trusted";
                case Status.NotTrusted n -> "NOT trusted";
                case Status.Absent a -> "absent";
                case Status.Manual m -> "check with";
            }, s.detail(), s instanceof Status.NotTrusted, s instanceof Status.Absent);
        });
        PrintWriter out = spec.commandLine().getOut();
        boolean failed = rows.stream().anyMatch(Row::failed);
        if (options.explicit()) {
            Set<StoreKind> present = EnumSet.noneOf(StoreKind.class);
            for (Row r : rows) if (!r.absent()) present.add(r.store().kind());
            for (StoreKind k : options.kinds()) {
                if (!present.contains(k)) {
                    out.println("no " + k.name().toLowerCase(java.util.Locale.ROOT) + " store on this machine");
                    failed = true;
                }
            }
        }
        out.flush();
        return failed ? ExitCodes.REFUSED : 0;
    }

    private int change(TrustOptions options, String verb, BiFunction<TrustStore, TrustRoot, Change> action) {
        List<Row> rows = eachStore(options, (store, root) -> {
            Change c = action.apply(store, root);
            return new Row(store, switch (c) {
                case Change.Added a -> "added";
                case Change.Removed r -> "removed";
                case Change.Unchanged u -> "unchanged";
                case Change.Absent a -> "absent";
                case Change.Manual m -> "run";
            }, c.detail(), false, c instanceof Change.Absent);
        });
        spec.commandLine().getOut().flush();
        boolean failed = rows.stream().anyMatch(Row::failed);
        if (failed) spec.commandLine().getErr().println("stamp: trust " + verb + " failed for some stores (see above)");
        return failed ? ExitCodes.REFUSED : 0;
    }

    /** One store's line of the table: what was found or done, and whether it counts as a failure. */
    private record Row(TrustStore store, String result, String detail, boolean failed, boolean absent) {}

    /**
     * The header, then {@code action} on each selected store and the table of their rows. One store failing (a wrong
     * password, a tool that fails) does not keep the others from being done: its row is "failed" with the error.
     */
    private List<Row> eachStore(TrustOptions options, BiFunction<TrustStore, TrustRoot, Row> action) {
        TrustRoot root = root(options);
        List<TrustStore> stores = stores(options, root);
        PrintWriter out = spec.commandLine().getOut();
        header(out, root);
        List<Row> rows = new ArrayList<>();
        for (TrustStore store : stores) {
            try {
                rows.add(action.apply(store, root));
            } catch (StampException e) {
                rows.add(new Row(store, "failed", e.getMessage(), true, false));
            }
        }
        Output.table(out, rows.stream().map(r -> List.of(r.result(), r.store().name(), r.detail())).toList());
        return rows;
    }

    private static void header(PrintWriter out, TrustRoot root) {
        out.println("Root " + root.certificate().getSubjectX500Principal().getName() + ", SHA-256 " + root.fingerprint());
    }

    private List<TrustStore> stores(TrustOptions options, TrustRoot root) {
        Os os = options.os();
        Set<StoreKind> kinds = options.kinds();
        Path rootFile = null;
        if (os != Os.LINUX && kinds.contains(StoreKind.SYSTEM)) rootFile = rootFile(options, root);
        TrustSelection selection = new TrustSelection(os, kinds, options.nssDbs == null ? List.of() : options.nssDbs,
                options.truststore, options.truststorePassword, rootFile);
        TrustEnvironment env = TrustEnvironment.current();
        if (options.systemRoot != null) env = env.withSystemRoot(options.systemRoot.toAbsolutePath());
        return TrustStores.select(selection, env, new Processes());
    }

    /** The file the printed macOS/Windows command names: --cert, or the downloaded root written next to the user. */
    private Path rootFile(TrustOptions options, TrustRoot root) {
        if (options.cert != null) return options.cert.toAbsolutePath();
        Path file = Path.of(root.label() + ".crt").toAbsolutePath();
        try {
            Files.writeString(file, root.pem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UserError("cannot write the root to " + file + " for the printed command: " + e.getMessage());
        }
        spec.commandLine().getOut().println("Wrote the root to " + file);
        return file;
    }

    private static TrustRoot root(TrustOptions options) {
        if (options.cert != null && options.server != null) throw new UserError("give the root with --cert or --server, not both");
        Fingerprint expected = options.fingerprint == null ? null : Fingerprint.parse(options.fingerprint);
        if (options.cert != null) {
            TrustRoot root = TrustRoot.read(InputFiles.read(options.cert, "root certificate"), options.cert.toString());
            if (expected != null && !expected.equals(root.fingerprint())) {
                throw new StampException(ErrorCode.CERTIFICATE_MISMATCH, "nothing trusted: " + options.cert + " has SHA-256 fingerprint "
                        + root.fingerprint() + ", not the expected " + expected);
            }
            return root;
        }
        if (options.server != null) {
            if (expected == null) throw new UserError("--server needs --fingerprint: the root's SHA-256 fingerprint, obtained out of band (stamp server prints it)");
            URI uri;
            try {
                uri = URI.create(options.server);
            } catch (IllegalArgumentException e) {
                throw new UserError("--server '" + options.server + "' is not a URL: " + e.getMessage());
            }
            return new RootDownload().fetch(uri, expected);
        }
        throw new UserError("which root? give --cert FILE, or --server URL --fingerprint SHA256");
    }
}
