package dev.stamp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * NSS {@code certutil -V -u V} (SSL server) against a fresh database holding the root as a trusted CA
 * ({@code CT,C,C}), the intermediates and the leaf without trust; success is exit 0 and "certificate is valid".
 */
final class NssCertutil implements ChainVerifier {
    @Override
    public Verdict verify(ChainFiles files) {
        Path db;
        try {
            db = Files.createTempDirectory(files.dir(), "nssdb-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String d = "sql:" + db;
        ExternalCommand.run(files.dir(), Tool.CERTUTIL, "-N", "-d", d, "--empty-password").requireSuccess();
        ExternalCommand.run(files.dir(), Tool.CERTUTIL, "-A", "-d", d, "-n", "root", "-t", "CT,C,C", "-i", files.root().toString())
                .requireSuccess();
        for (int i = 0; i < files.intermediates().size(); i++) {
            ExternalCommand.run(files.dir(), Tool.CERTUTIL, "-A", "-d", d, "-n", "intermediate-" + (i + 1), "-t", ",,",
                    "-i", files.intermediates().get(i).toString()).requireSuccess();
        }
        ExternalCommand.run(files.dir(), Tool.CERTUTIL, "-A", "-d", d, "-n", "leaf", "-t", ",,", "-i", files.leaf().toString())
                .requireSuccess();
        var result = ExternalCommand.run(files.dir(), Tool.CERTUTIL, "-V", "-d", d, "-n", "leaf", "-u", "V");
        boolean ok = result.succeeded() && result.output().contains("certificate is valid");
        return new Verdict(ok, result.transcript());
    }
}
