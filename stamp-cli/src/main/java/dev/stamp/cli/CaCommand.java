package dev.stamp.cli;

import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.UsageMode;
import dev.stamp.core.issue.Template;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code stamp ca ...}: certificate authorities and their lifecycle. */
@Command(name = "ca", description = "Manage certificate authorities.", subcommandsRepeatable = false)
final class CaCommand {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "list", description = "List CAs.")
    int list(@Mixin GlobalOptions global, @Option(names = "--json", description = "JSON output.") boolean json) {
        if (json) {
            // the full view per CA, as 'ca show --json' prints it
            try (Backend backend = Backend.open(global)) {
                Output.json(out(), backend.listCas().stream().map(ca -> backend.showCa(ca.id())).toList());
                return 0;
            }
        }
        try (Backend backend = Backend.open(global)) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "TYPE", "STATUS", "KEY", "NOT AFTER", "SUBJECT"));
            for (Views.CaRow ca : backend.listCas()) {
                rows.add(List.of(ca.id() + (ca.isDefault() ? " *" : ""), ca.type(), ca.status(), ca.keyAlgorithm(), ca.notAfter(), ca.subject()));
            }
            Output.table(out(), rows);
            return 0;
        }
    }

    @Command(name = "show", description = "Show one CA.")
    int show(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA", description = "CA id (or a unique prefix).") String ca,
             @Option(names = "--json", description = "JSON output.") boolean json) {
        try (Backend backend = Backend.open(global)) {
            var view = backend.showCa(ca);
            if (json) Output.json(out(), view); else Output.details(out(), view);
            return 0;
        }
    }

    @Command(name = "create", description = {"Create a CA.",
            "ROOT: signs its own certificate unless --external. SUBORDINATE: signed by --parent, or left PENDING_CERTIFICATE with --external (then 'ca csr' and 'ca import')."})
    int create(@Mixin GlobalOptions global,
               @Option(names = "--type", required = true, paramLabel = "ROOT|SUBORDINATE") CaType type,
               @Option(names = "--subject", required = true, paramLabel = "DN", description = "e.g. \"CN=Example Issuing CA,O=Example\"") String subject,
               @Option(names = "--key-algorithm", defaultValue = "EC_prime256v1", paramLabel = "ALG") String keyAlgorithm,
               @Option(names = "--signing-algorithm", paramLabel = "ALG", description = "Default: the key's own (e.g. SHA256WITHECDSA).") String signingAlgorithm,
               @Option(names = "--usage-mode", defaultValue = "GENERAL_PURPOSE", paramLabel = "MODE") UsageMode usageMode,
               @Option(names = "--parent", paramLabel = "CA", description = "The Stamp CA that signs a SUBORDINATE.") String parent,
               @Option(names = "--template", paramLabel = "NAME", description = "Default: RootCACertificate/V1 or SubordinateCACertificate_PathLen0/V1.") String template,
               @Option(names = "--validity", defaultValue = "5y", paramLabel = "DURATION", description = "e.g. 10y, 36m, 90d (default: ${DEFAULT-VALUE}).") String validity,
               @Option(names = "--external", description = "Only create the key and CSR; import the certificate later.") boolean external,
               @Option(names = "--default", description = "Make it the default CA for 'cert issue'.") boolean makeDefault) {
        try (Backend backend = Backend.open(global)) {
            String id = backend.createCa(new Backend.CaCreation(type, subject, keyAlgorithm, signingAlgorithm, usageMode, parent, template,
                    validity, external, makeDefault));
            out().println(id);
            if (external) {
                spec.commandLine().getErr().println("CA " + id + " is PENDING_CERTIFICATE: get its CSR with 'stamp ca csr " + id
                        + "', have it signed, then 'stamp ca import " + id + " --certificate FILE [--chain FILE]'");
            }
            return 0;
        }
    }

    @Command(name = "csr", description = "Print a CA's certificate signing request (PEM).")
    int csr(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca) {
        try (Backend backend = Backend.open(global)) {
            out().print(backend.caCsr(ca));
            return 0;
        }
    }

    @Command(name = "import", description = "Import a CA's signed certificate and its chain (issuer first, root last).")
    int importCertificate(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca,
                          @Option(names = "--certificate", required = true, paramLabel = "FILE") Path certificate,
                          @Option(names = "--chain", paramLabel = "FILE") Path chain) {
        byte[] cert = InputFiles.read(certificate, "certificate");
        byte[] chainBytes = chain == null ? null : InputFiles.read(chain, "chain");
        try (Backend backend = Backend.open(global)) {
            out().println(backend.importCa(ca, cert, chainBytes));
            return 0;
        }
    }

    @Command(name = "export", description = "Print a CA's certificate (PEM; with --chain, followed by the chain up to the root).")
    int export(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca,
               @Option(names = "--chain", description = "Include the chain up to the root.") boolean chain,
               @Option(names = "--der", description = "DER instead of PEM (one certificate only).") boolean der) {
        if (der && chain) throw new UserError("--der writes one certificate; use PEM for a chain");
        try (Backend backend = Backend.open(global)) {
            if (der) {
                byte[] bytes = backend.exportCaDer(ca);
                out().flush();
                System.out.flush();
                try {
                    System.out.write(bytes);
                    System.out.flush();
                } catch (java.io.IOException e) {
                    throw new UserError("cannot write: " + e.getMessage());
                }
                return 0;
            }
            out().print(backend.exportCa(ca, chain));
            return 0;
        }
    }

    @Command(name = "update", description = {"Change what a CA publishes for revocation (AWS RevocationConfiguration).",
            "Options left out keep their value. CRL and OCSP links go into certificates issued from then on."})
    int update(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca,
               @Option(names = "--crl", arity = "1", paramLabel = "on|off", converter = OnOff.class, description = "Publish CRLs and put a CRL distribution point into certificates.") Boolean crl,
               @Option(names = "--crl-days", paramLabel = "N", description = "CRL validity, 1 to 5000 days.") Integer crlDays,
               @Option(names = "--crl-cname", paramLabel = "HOST", description = "Host for the distribution point instead of the public URL's.") String crlCname,
               @Option(names = "--crl-omit-cdp", arity = "1", paramLabel = "on|off", converter = OnOff.class, description = "Publish CRLs but leave the CDP out of certificates.") Boolean omitCdp,
               @Option(names = "--crl-partitioned", arity = "1", paramLabel = "on|off", converter = OnOff.class, description = "Partitioned CRLs (decide before issuing).") Boolean partitioned,
               @Option(names = "--ocsp", arity = "1", paramLabel = "on|off", converter = OnOff.class, description = "Put the OCSP URL into certificates.") Boolean ocsp,
               @Option(names = "--ocsp-cname", paramLabel = "HOST", description = "Host for the OCSP URL.") String ocspCname,
               @Option(names = "--ocsp-signer", paramLabel = "ca|delegated", converter = OcspSigner.class,
                       description = "Who signs OCSP responses: the CA key, or a short-lived delegated responder certificate Stamp issues and rotates.") dev.stamp.core.ca.OcspSigning ocspSigner) {
        var change = new dev.stamp.core.ca.RevocationChange(crl, crlDays, crlCname, omitCdp, partitioned, ocsp, ocspCname, ocspSigner);
        if (change.isEmpty()) throw new UserError("nothing to change: give --crl, --crl-days, --crl-cname, --crl-omit-cdp, --crl-partitioned, --ocsp, --ocsp-cname or --ocsp-signer");
        try (Backend backend = Backend.open(global)) {
            out().println(backend.updateRevocation(ca, change));
            return 0;
        }
    }

    /** Reads on/off (also true/false, yes/no) for switches. */
    static final class OnOff implements picocli.CommandLine.ITypeConverter<Boolean> {
        @Override public Boolean convert(String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true", "yes" -> true;
                case "off", "false", "no" -> false;
                default -> throw new picocli.CommandLine.TypeConversionException("expected on or off, not '" + value + "'");
            };
        }
    }

    /** Reads ca or delegated for --ocsp-signer. */
    static final class OcspSigner implements picocli.CommandLine.ITypeConverter<dev.stamp.core.ca.OcspSigning> {
        @Override public dev.stamp.core.ca.OcspSigning convert(String value) {
            try {
                return dev.stamp.core.ca.OcspSigning.parse(value);
            } catch (dev.stamp.core.StampException e) {
                throw new picocli.CommandLine.TypeConversionException("expected ca or delegated, not '" + value + "'");
            }
        }
    }

    @Command(name = "disable", description = "Disable an ACTIVE CA (it stops issuing).")
    int disable(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca) {
        return status(global, ca, CaStatus.DISABLED);
    }

    @Command(name = "enable", description = "Enable a DISABLED CA.")
    int enable(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca) {
        return status(global, ca, CaStatus.ACTIVE);
    }

    private int status(GlobalOptions global, String ca, CaStatus status) {
        try (Backend backend = Backend.open(global)) {
            out().println(backend.setStatus(ca, status));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a CA that is not ACTIVE; it can be restored for --days days.")
    int delete(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca,
               @Option(names = "--days", defaultValue = "30", description = "Restore window, 7 to 30 days (default: ${DEFAULT-VALUE}).") int days) {
        try (Backend backend = Backend.open(global)) {
            out().println(backend.deleteCa(ca, days));
            return 0;
        }
    }

    @Command(name = "restore", description = "Restore a DELETED CA within its restore window.")
    int restore(@Mixin GlobalOptions global, @Parameters(paramLabel = "CA") String ca) {
        try (Backend backend = Backend.open(global)) {
            out().println(backend.restoreCa(ca));
            return 0;
        }
    }

    @Command(name = "templates", description = "List the certificate templates (AWS Private CA names).")
    int templates() {
        Template.all().keySet().forEach(out()::println);
        return 0;
    }
}
