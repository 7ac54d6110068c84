package dev.stamp.it;

import dev.stamp.core.crypto.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CertChain} written as PEM files in a fresh directory, in the shapes the command-line verifiers read:
 * {@code root.pem}, {@code leaf.pem}, {@code untrusted.pem} (every intermediate), {@code intermediate-N.pem}
 * (one each, for NSS) and {@code chain.pem} (leaf to root).
 */
record ChainFiles(CertChain chain, Path dir, Path root, Path leaf, Path untrusted, List<Path> intermediates, Path leafToRoot) {

    static ChainFiles write(CertChain chain, Path parent) {
        try {
            Path dir = Files.createTempDirectory(parent, "chain-");
            List<Path> each = new ArrayList<>();
            for (int i = 0; i < chain.intermediates().size(); i++) {
                each.add(Files.writeString(dir.resolve("intermediate-" + (i + 1) + ".pem"), Pem.certificate(chain.intermediates().get(i))));
            }
            return new ChainFiles(chain, dir,
                    Files.writeString(dir.resolve("root.pem"), Pem.certificate(chain.root())),
                    Files.writeString(dir.resolve("leaf.pem"), Pem.certificate(chain.leaf())),
                    Files.writeString(dir.resolve("untrusted.pem"), Pem.certificates(chain.intermediates())),
                    List.copyOf(each),
                    Files.writeString(dir.resolve("chain.pem"), Pem.certificates(chain.leafToRoot())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
