package dev.stamp.cli;

import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code stamp init}: a new data directory with a root CA and an issuing CA that becomes the default. */
@Command(name = "init", description = "Create a data directory with a root CA and an issuing CA (the default for 'cert issue').")
final class InitCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin GlobalOptions global;
    @Mixin VaultOptions vault;

    @Option(names = "--name", defaultValue = "Stamp", description = "Name in the CAs' subjects (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--root-key-algorithm", defaultValue = "EC_secp384r1", description = "Root CA key (default: ${DEFAULT-VALUE}).")
    String rootKey;

    @Option(names = "--issuing-key-algorithm", defaultValue = "EC_prime256v1", description = "Issuing CA key (default: ${DEFAULT-VALUE}).")
    String issuingKey;

    @Option(names = "--database", paramLabel = "JDBC_URL", description = "PostgreSQL JDBC URL instead of the embedded SQLite database.")
    String databaseUrl;

    @Option(names = "--public-url", paramLabel = "URL", description = "Base URL for CRL, OCSP and CA certificate links (default: http://127.0.0.1:8080).")
    String publicUrl;

    @Override
    public Integer call() {
        try (StampHome home = StampHome.initialise(global, vault, databaseUrl, publicUrl)) {
            hierarchy(home, name, rootKey, issuingKey, spec.commandLine().getOut());
            spec.commandLine().getOut().println("Next: stamp cert issue --dns app.private.example.net --out ./app");
            return 0;
        }
    }

    /** Creates the root and issuing CAs in a fresh data directory, makes the issuing CA the default, and says so. */
    static CertificateAuthority hierarchy(StampHome home, String name, String rootKey, String issuingKey, PrintWriter out) {
        KeyAlgorithm rootAlgorithm = KeyAlgorithm.parse(rootKey);
        KeyAlgorithm issuingAlgorithm = KeyAlgorithm.parse(issuingKey);
        CaSubject rootSubject = CaSubject.parse("CN=" + name + " Root CA,O=" + name);
        CaSubject issuingSubject = CaSubject.parse("CN=" + name + " Issuing CA,O=" + name);
        var cas = home.pki().authorities();
        CertificateAuthority root = cas.createRoot(new CreateCaRequest(CaType.ROOT, rootSubject, rootAlgorithm, null, null, null),
                Validity.years(10), "stamp init");
        CertificateAuthority issuing = cas.createSubordinate(new CreateCaRequest(CaType.SUBORDINATE, issuingSubject, issuingAlgorithm, null, null, null),
                root.id(), Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(5), "stamp init");
        home.setDefaultCa(issuing.id());
        out.println("Initialised " + home.dir().toAbsolutePath());
        out.println("  key vault:  " + home.pki().vault().describe());
        out.println("  crypto:     " + home.pki().providers().describe());
        out.println("  root CA:    " + root.id() + "  " + root.subject() + "  (" + rootAlgorithm + ", until " + root.notAfter() + ")");
        out.println("  issuing CA: " + issuing.id() + "  " + issuing.subject() + "  (" + issuingAlgorithm + ", until " + issuing.notAfter() + ", default)");
        out.println("  root SHA-256 fingerprint: " + Output.fingerprint(root.certificate()));
        return issuing;
    }
}
