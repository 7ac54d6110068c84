package dev.stamp.cli;

import dev.stamp.core.StampException;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.store.CertificateRecord;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
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
            "as cert-manager lays out a Kubernetes TLS Secret."})
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
        try (StampHome home = StampHome.open(global)) {
            CertificateAuthority issuer = home.caOrDefault(ca);
            LocalKeys.KeyAndCsr local = null;
            byte[] csr;
            if (csrFile != null) {
                csr = InputFiles.read(csrFile, "CSR");
            } else {
                for (String ip : addresses) requireIp(ip);
                local = LocalKeys.generate(home.pki().providers(), KeyAlgorithm.parse(keyAlgorithm), names, addresses, home.random());
                csr = local.csr();
            }
            var request = new IssueRequest(issuer.id(), csr, null, Template.named(template),
                    Validity.parse(validity, home.clock().instant()), null, null, null, "cli");
            IssuedCertificate issued = home.pki().issuance().issue(request);

            List<X509CertificateHolder> chain = issued.chain();
            List<X509CertificateHolder> leafAndIntermediates = new ArrayList<>();
            leafAndIntermediates.add(issued.certificate());
            if (chain.size() > 1) leafAndIntermediates.addAll(chain.subList(0, chain.size() - 1));
            X509CertificateHolder root = chain.isEmpty() ? issued.certificate() : chain.getLast();

            Path dir = outDir != null ? outDir : local != null ? Path.of(names.isEmpty() ? addresses.getFirst() : names.getFirst().replace("*", "_")) : null;
            if (dir == null) {
                out().print(Pem.certificates(leafAndIntermediates));
                return 0;
            }
            OutputFiles files = new OutputFiles(dir)
                    .add("tls.crt", Pem.certificates(leafAndIntermediates))
                    .add("ca.crt", Pem.certificate(root));
            if (local != null) files.addSecret("tls.key", local.privateKeyPem());
            files.write();
            out().println("Issued " + issued.record().serialHex() + " for " + issued.record().subject() + " "
                    + Output.names(issued.certificate()) + ", valid until " + issued.record().notAfter());
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

    @Command(name = "list", description = "List certificates, newest first.")
    int list(@Mixin GlobalOptions global,
             @Option(names = "--ca", paramLabel = "CA", description = "Only this CA's.") String ca,
             @Option(names = "--limit", defaultValue = "100", description = "At most this many (default: ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--json", description = "JSON output.") boolean json) {
        try (StampHome home = StampHome.open(global)) {
            String caId = ca == null ? null : home.ca(ca).id();
            List<CertificateRecord> records = home.pki().stores().certificates().list(caId, limit);
            if (json) {
                Output.json(out(), records.stream().map(Output::certificate).toList());
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("SERIAL", "STATE", "NOT AFTER", "CA", "SUBJECT"));
            for (CertificateRecord r : records) {
                rows.add(List.of(r.serialHex(), r.state().name(), r.notAfter().toString(), r.caId(), r.subject()));
            }
            Output.table(out(), rows);
            return 0;
        }
    }

    @Command(name = "show", description = "Show one certificate.")
    int show(@Mixin GlobalOptions global,
             @Parameters(paramLabel = "SERIAL", description = "Serial number in hex.") String serial,
             @Option(names = "--ca", paramLabel = "CA", description = "Issuing CA (default: searched in every CA).") String ca,
             @Option(names = "--pem", description = "Print the certificate and its chain as PEM.") boolean pem,
             @Option(names = "--json", description = "JSON output.") boolean json) {
        BigInteger number = parseSerial(serial);
        try (StampHome home = StampHome.open(global)) {
            List<CertificateAuthority> candidates = ca != null ? List.of(home.ca(ca)) : home.pki().authorities().list();
            for (CertificateAuthority authority : candidates) {
                if (home.pki().stores().certificates().find(authority.id(), number).isEmpty()) continue;
                IssuedCertificate c = home.pki().issuance().certificate(authority.id(), number);
                if (pem) {
                    List<X509CertificateHolder> all = new ArrayList<>(List.of(c.certificate()));
                    all.addAll(c.chain());
                    out().print(Pem.certificates(all));
                } else if (json) {
                    Output.json(out(), Output.certificate(c.record()));
                } else {
                    Output.details(out(), Output.certificate(c.record()));
                }
                return 0;
            }
            throw StampException.notFound("no certificate with serial " + serial + (ca != null ? " in CA " + ca : ""));
        }
    }

    @Command(name = "revoke", description = {"Revoke a certificate. REASON: an RFC 5280 or AWS name: KEY_COMPROMISE (keyCompromise),",
            "CERTIFICATE_AUTHORITY_COMPROMISE, AFFILIATION_CHANGED, SUPERSEDED, CESSATION_OF_OPERATION, PRIVILEGE_WITHDRAWN,",
            "A_A_COMPROMISE, UNSPECIFIED. Revoking twice is refused; a root cannot revoke its own certificate."})
    int revoke(@Mixin GlobalOptions global,
               @Parameters(paramLabel = "SERIAL", description = "Serial number in hex.") String serial,
               @Option(names = "--ca", paramLabel = "CA", description = "Issuing CA (default: searched in every CA).") String ca,
               @Option(names = "--reason", required = true, paramLabel = "REASON", description = "Why it is revoked.") String reason) {
        BigInteger number = parseSerial(serial);
        RevocationReason why = RevocationReason.parse(reason);
        try (StampHome home = StampHome.open(global)) {
            List<CertificateAuthority> candidates = ca != null ? List.of(home.ca(ca))
                    : home.pki().authorities().list().stream()
                            .filter(a -> home.pki().stores().certificates().find(a.id(), number).isPresent()).toList();
            if (candidates.isEmpty()) throw StampException.notFound("no certificate with serial " + serial);
            if (candidates.size() > 1) {
                throw new UserError("serial " + serial + " was issued by several CAs " + candidates.stream().map(CertificateAuthority::id).toList()
                        + ": pass --ca");
            }
            Revocation r = home.pki().revocations().revoke(candidates.getFirst().id(), number, why, "cli");
            out().println("Revoked " + serial + " of CA " + r.caId() + " at " + r.revokedAt() + " (" + r.reason().awsName() + ")");
            return 0;
        }
    }

    static BigInteger parseSerial(String serial) {
        String hex = serial.replace(":", "").strip();
        try {
            BigInteger n = new BigInteger(hex, 16);
            if (n.signum() <= 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UserError("serial '" + serial + "' is not a positive hexadecimal number");
        }
    }
}
