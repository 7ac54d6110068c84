package dev.stamp.cli;

import dev.stamp.core.crypto.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@code stamp crl ...}: a CA's certificate revocation lists. */
@Command(name = "crl", description = "Certificate revocation lists.")
final class CrlCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Command(name = "get", description = {"Get a CA's current CRL: the latest one while it is valid and nothing was revoked",
            "since, else a freshly signed one. DER to --out (PEM with --pem); without --out, PEM on standard output."})
    int get(@Mixin GlobalOptions global,
            @Option(names = "--ca", paramLabel = "CA", description = "The CA (default: the data directory's default CA).") String ca,
            @Option(names = "--partition", paramLabel = "N", description = "Partition 0-63 (default: the complete CRL); served whether or not the CA partitions now.") Integer partition,
            @Option(names = "--out", paramLabel = "FILE", description = "Write the CRL to this file.") Path out,
            @Option(names = "--pem", description = "PEM rather than DER in --out.") boolean pem) {
        try (Backend backend = Backend.open(global)) {
            Views.Crl crl = backend.crl(ca, partition);
            String text = Pem.encode("X509 CRL", crl.der());
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
                return 0;
            }
            write(out, pem ? text.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : crl.der());
            spec.commandLine().getOut().println("CRL number " + crl.number() + " of CA " + crl.caId() + ": "
                    + crl.entries() + " entries, thisUpdate " + crl.thisUpdate() + ", nextUpdate " + crl.nextUpdate()
                    + ", written to " + out + (pem ? " (PEM)" : " (DER)"));
            return 0;
        }
    }

    /** Through a temporary file and a rename, so that a web server serving the file never sends half a CRL. */
    private static void write(Path out, byte[] bytes) {
        Path dir = out.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, ".crl-", ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write the CRL to " + out + ": " + e.getMessage());
        }
    }
}
