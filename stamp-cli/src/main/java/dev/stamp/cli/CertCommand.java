package dev.stamp.cli;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.Template;
import dev.stamp.core.store.CertificateStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code stamp cert ...}: issue and look up certificates. */
@Command(name = "cert", description = "Issue, inspect and revoke certificates.")
final class CertCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "issue", description = {"Issue a certificate from a CSR, or for names with a key generated here.",
            "With --dns/--ip, writes tls.key (0600), tls.crt (leaf then intermediates) and ca.crt (root) to --out,",
            "as cert-manager lays out a Kubernetes TLS Secret. In remote mode the key stays here: only the CSR is sent."})
    int issue(@Mixin GlobalOptions global,
              @Option(names = "--ca", paramLabel = "CA", description = "Issuing CA (default: the data directory's default CA).") String ca,
              @Option(names = "--csr", paramLabel = "FILE", description = "PKCS#10 request, PEM or DER.") Path csrFile,
              @Option(names = "--dns", paramLabel = "NAME", split = ",", description = "DNS name(s); a key is generated here.") List<String> dns,
              @Option(names = "--ip", paramLabel = "IP", split = ",", description = "IP address(es).") List<String> ips,
              @Option(names = "--key-algorithm", defaultValue = "EC_prime256v1", paramLabel = "ALG",
                      description = "Key for --dns/--ip (default: ${DEFAULT-VALUE}).") String keyAlgorithm,
              @Option(names = "--template", defaultValue = Template.DEFAULT, paramLabel = "NAME", description = "Default: ${DEFAULT-VALUE}.") String template,
              @Option(names = "--validity", defaultValue = "90d", paramLabel = "DURATION", description = "e.g. 90d, 12h, 1y (default: ${DEFAULT-VALUE}).") String validity,
              @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default with --dns: ./<first name>; with --csr: print PEM).") Path outDir) {
        List<String> names = dns == null ? List.of() : dns;
        List<String> addresses = ips == null ? List.of() : ips;
        if ((csrFile == null) == (names.isEmpty() && addresses.isEmpty())) {
            throw new UserError("give either --csr FILE or --dns/--ip names (not both)");
        }
        LocalKeys.KeyAndCsr local = null;
        byte[] csr;
        if (csrFile != null) {
            csr = InputFiles.read(csrFile, "CSR");
        } else {
            for (String ip : addresses) requireIp(ip);
            CryptoProviders providers = CryptoProviders.named(global.cryptoProvider == null ? "auto" : global.cryptoProvider);
            local = LocalKeys.generate(providers, KeyAlgorithm.parse(keyAlgorithm), names, addresses, new SecureRandom());
            csr = local.csr();
        }
        try (Backend backend = Backend.open(global)) {
            Views.Issued issued = backend.issue(ca, csr, template, validity);
            Path dir = outDir != null ? outDir : local != null ? Path.of(names.isEmpty() ? addresses.getFirst() : names.getFirst().replace("*", "_")) : null;
            if (dir == null) {
                out().print(issued.pem());
                return 0;
            }
            OutputFiles files = new OutputFiles(dir).add("tls.crt", issued.pem()).add("ca.crt", issued.rootPem());
            if (local != null) files.addSecret("tls.key", local.privateKeyPem());
            files.write();
            out().println("Issued " + issued.serial() + " for " + issued.subject() + " " + issued.names() + ", valid until " + issued.notAfter());
            out().println("  " + dir.resolve("tls.crt") + "  (certificate and intermediates)");
            if (local != null) out().println("  " + dir.resolve("tls.key") + "  (private key, 0600)");
            out().println("  " + dir.resolve("ca.crt") + "  (root CA)");
            return 0;
        }
    }

    private static void requireIp(String ip) {
        if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]+") || !ip.contains(".") && !ip.contains(":")) {
            throw new UserError("--ip " + ip + " is not an IP address");
        }
    }

    @Command(name = "list", description = {"List certificates, newest first, a page at a time.",
            "When more follow, the option for the next page is printed on standard error."})
    int list(@Mixin GlobalOptions global,
             @Option(names = "--ca", paramLabel = "CA", description = "Only this CA's.") String ca,
             @Option(names = "--status", paramLabel = "STATUS", description = "Only ISSUED (valid), REVOKED, EXPIRED, PENDING or FAILED ones.") CertificateStatus status,
             @Option(names = "--expiring-before", paramLabel = "TIME", description = "Only those whose notAfter is before this RFC 3339 time.") String expiringBefore,
             @Option(names = "--name", paramLabel = "TEXT", description = "Only those whose CN or a SAN contains this (any case).") String name,
             @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--cursor", paramLabel = "CURSOR", description = "Continue after the previous page.") String cursor,
             @Option(names = "--json", description = "JSON output.") boolean json) {
        Instant before = expiringBefore == null ? null : time(expiringBefore);
        try (Backend backend = Backend.open(global)) {
            Views.CertPage page = backend.listCertificates(ca, status, before, name, limit, cursor);
            if (json) {
                Output.json(out(), page.items().stream().map(Views.CertRow::details).toList());
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("SERIAL", "STATUS", "NOT AFTER", "CA", "SUBJECT"));
                for (Views.CertRow r : page.items()) rows.add(List.of(r.serial(), r.status(), r.notAfter(), r.caId(), r.subject()));
                Output.table(out(), rows);
            }
            if (page.nextCursor() != null) spec.commandLine().getErr().println("more: --cursor " + page.nextCursor());
            return 0;
        }
    }

    private static Instant time(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError("--expiring-before '" + text + "' is not an RFC 3339 time such as 2026-12-01T00:00:00Z");
        }
    }

    @Command(name = "show", description = "Show one certificate.")
    int show(@Mixin GlobalOptions global,
             @Parameters(paramLabel = "SERIAL", description = "Serial number in hex.") String serial,
             @Option(names = "--ca", paramLabel = "CA", description = "Issuing CA (default: searched in every CA).") String ca,
             @Option(names = "--pem", description = "Print the certificate and its chain as PEM.") boolean pem,
             @Option(names = "--json", description = "JSON output.") boolean json) {
        Serial.parse(serial);
        try (Backend backend = Backend.open(global)) {
            Views.Cert c = backend.showCertificate(serial, ca);
            if (pem) out().print(c.pem());
            else if (json) Output.json(out(), c.details());
            else Output.details(out(), c.details());
            return 0;
        }
    }

    @Command(name = "revoke", description = {"Revoke a certificate. REASON: an RFC 5280 or AWS name: KEY_COMPROMISE (keyCompromise),",
            "CERTIFICATE_AUTHORITY_COMPROMISE, AFFILIATION_CHANGED, SUPERSEDED, CESSATION_OF_OPERATION, PRIVILEGE_WITHDRAWN,",
            "A_A_COMPROMISE, UNSPECIFIED. Revoking twice is refused; a root cannot revoke its own certificate."})
    int revoke(@Mixin GlobalOptions global,
               @Parameters(paramLabel = "SERIAL", description = "Serial number in hex.") String serial,
               @Option(names = "--ca", paramLabel = "CA", description = "Issuing CA (default: searched in every CA).") String ca,
               @Option(names = "--reason", required = true, paramLabel = "REASON", description = "Why it is revoked.") String reason) {
        Serial.parse(serial);
        dev.stamp.core.revoke.RevocationReason.parse(reason);
        try (Backend backend = Backend.open(global)) {
            Views.Revoked r = backend.revoke(serial, ca, reason);
            out().println("Revoked " + serial + " of CA " + r.caId() + " at " + r.revokedAt() + " (" + r.reason() + ")");
            return 0;
        }
    }
}
