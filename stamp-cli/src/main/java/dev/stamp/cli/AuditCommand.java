package dev.stamp.cli;

import dev.stamp.core.audit.AuditChain;
import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.store.AuditStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Optional;

/** {@code stamp audit ...}: the hash-chained audit log. */
@Command(name = "audit", description = "Inspect the audit log.")
final class AuditCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "verify", description = "Check that no audit entry was altered, inserted or removed.")
    int verify(@Mixin GlobalOptions global) {
        try (StampHome home = StampHome.open(global)) {
            AuditStore audit = home.pki().stores().audit();
            List<AuditEntry> entries = audit.entries();
            AuditStore.Head head = audit.head();
            Optional<String> broken = AuditChain.verify(entries, head.sequence(), head.hash());
            if (broken.isPresent()) {
                spec.commandLine().getErr().println("stamp: audit chain BROKEN: " + broken.get());
                return ExitCodes.REFUSED;
            }
            spec.commandLine().getOut().println("audit chain intact: " + entries.size() + " entries, head " + head.hash());
            return 0;
        }
    }

    @Command(name = "list", description = "Print the audit entries, oldest first.")
    int list(@Mixin GlobalOptions global) {
        try (StampHome home = StampHome.open(global)) {
            for (AuditEntry e : home.pki().stores().audit().entries()) {
                var ev = e.event();
                spec.commandLine().getOut().println(e.sequence() + "  " + ev.at() + "  " + ev.actor() + "  " + ev.action()
                        + (ev.caId().isEmpty() ? "" : "  ca=" + ev.caId()) + (ev.target().isEmpty() ? "" : "  " + ev.target())
                        + (ev.detail().isEmpty() ? "" : "  " + ev.detail()));
            }
            return 0;
        }
    }
}
