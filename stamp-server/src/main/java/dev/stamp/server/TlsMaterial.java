package dev.stamp.server;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** The API listener's private key (in memory only) and its certificate chain, leaf first, root last. */
public record TlsMaterial(PrivateKey key, List<X509Certificate> chain) {
    public TlsMaterial {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("a TLS certificate chain needs at least the leaf");
    }

    public X509Certificate root() {
        return chain.getLast();
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + chain.getFirst().getSubjectX500Principal() + "]"; // never the key
    }
}
