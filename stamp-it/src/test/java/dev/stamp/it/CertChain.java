package dev.stamp.it;

import org.bouncycastle.cert.X509CertificateHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a verifier is asked: is {@code leaf}, with the untrusted {@code intermediates} (the leaf's issuer first),
 * valid for TLS server {@code hostname} under the trust anchor {@code root}? Negative controls swap a part
 * for one from another hierarchy. Immutable.
 */
record CertChain(X509CertificateHolder leaf, List<X509CertificateHolder> intermediates, X509CertificateHolder root, String hostname) {
    CertChain {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(hostname, "hostname");
        intermediates = List.copyOf(intermediates);
    }

    /** Splits a CA's certificate-with-chain (issuing CA first, root last) into intermediates and the root. */
    static CertChain of(X509CertificateHolder leaf, List<X509CertificateHolder> caChain, String hostname) {
        if (caChain.isEmpty()) throw new IllegalArgumentException("a leaf needs at least its root above it");
        return new CertChain(leaf, caChain.subList(0, caChain.size() - 1), caChain.getLast(), hostname);
    }

    CertChain withLeaf(X509CertificateHolder other) {
        return new CertChain(other, intermediates, root, hostname);
    }

    CertChain withRoot(X509CertificateHolder other) {
        return new CertChain(leaf, intermediates, other, hostname);
    }

    CertChain withoutIntermediate(int index) {
        List<X509CertificateHolder> fewer = new ArrayList<>(intermediates);
        fewer.remove(index);
        return new CertChain(leaf, fewer, root, hostname);
    }

    /** Leaf, intermediates, root: the order a TLS server sends, and what {@code certtool --verify-chain} reads. */
    List<X509CertificateHolder> leafToRoot() {
        List<X509CertificateHolder> all = new ArrayList<>(intermediates.size() + 2);
        all.add(leaf);
        all.addAll(intermediates);
        all.add(root);
        return all;
    }
}
