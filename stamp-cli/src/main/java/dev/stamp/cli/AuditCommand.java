package dev.stamp.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code stamp audit ...}: the hash-chained audit log. */
@Command(name = "audit", description = "Inspect the audit log.")
final class AuditCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "verify", description = "Check that no audit entry was altered, inserted or removed.")
    int verify(@Mixin GlobalOptions global) {
        try (Backend backend = Backend.open(global)) {
            Views.AuditVerdict v = backend.verifyAudit();
            if (!v.intact()) {
                spec.commandLine().getErr().println("stamp: audit chain BROKEN: " + v.problem());
                return ExitCodes.REFUSED;
            }
            spec.commandLine().getOut().println("audit chain intact: " + v.entries() + " entries, head " + v.headHash());
            return 0;
        }
    }

    @Command(name = "list", description = "Print the audit entries, oldest first.")
    int list(@Mixin GlobalOptions global) {
        try (Backend backend = Backend.open(global)) {
            for (Views.AuditLine e : backend.auditEntries()) {
                spec.commandLine().getOut().println(e.sequence() + "  " + e.at() + "  " + e.actor() + "  " + e.action()
                        + (e.caId().isEmpty() ? "" : "  ca=" + e.caId()) + (e.target().isEmpty() ? "" : "  " + e.target())
                        + (e.detail().isEmpty() ? "" : "  " + e.detail()));
            }
            return 0;
        }
    }
}
