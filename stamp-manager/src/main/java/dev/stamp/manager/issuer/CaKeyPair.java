package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

import java.security.PrivateKey;
import java.util.List;
import java.util.Objects;

/**
 * The signing CA of a {@code ca} issuer, read from its Secret: {@code tls.crt} (the CA certificate first, then its
 * chain), {@code tls.key}, and an optional {@code ca.crt}.
 */
record CaKeyPair(PrivateKey key, List<X509CertificateHolder> chain, String caCrt) {
    CaKeyPair {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) throw new IllegalArgumentException("tls.crt holds no certificate");
        caCrt = caCrt == null ? "" : caCrt;
    }

    X509CertificateHolder certificate() {
        return chain.getFirst();
    }

    /** Reads and checks the pair: IllegalArgumentException naming what is wrong (never the key's bytes). */
    static CaKeyPair from(Secret secret) {
        byte[] crt = secret.data().get(Secret.TLS_CRT);
        byte[] keyPem = secret.data().get(Secret.TLS_KEY);
        if (crt == null || crt.length == 0) throw new IllegalArgumentException("secret " + name(secret) + " has no tls.crt");
        if (keyPem == null || keyPem.length == 0) throw new IllegalArgumentException("secret " + name(secret) + " has no tls.key");
        List<X509CertificateHolder> chain;
        try {
            chain = Pem.certificates(crt);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tls.crt of secret " + name(secret) + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            key = PrivateKeys.parse(keyPem);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.key of secret " + name(secret) + ": " + e.getMessage(), e);
        }
        X509CertificateHolder ca = chain.getFirst();
        if (!SigningKeys.matches(key, ca.getSubjectPublicKeyInfo())) {
            throw new IllegalArgumentException("the private key in secret " + name(secret) + " does not match the certificate " + ca.getSubject());
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(ca.getExtensions());
        if (constraints == null || !constraints.isCA()) {
            throw new IllegalArgumentException("the certificate " + ca.getSubject() + " in secret " + name(secret) + " is not a CA");
        }
        byte[] caCrt = secret.data().get(Secret.CA_CRT);
        return new CaKeyPair(key, chain, caCrt == null ? "" : new String(caCrt, java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The issued leaf's chain: the leaf, then the CA chain without any self-signed root (cert-manager's status.certificate). */
    String chainPem(X509CertificateHolder leaf) {
        StringBuilder out = new StringBuilder(Pem.certificate(leaf));
        for (X509CertificateHolder c : chain) if (!selfSigned(c)) out.append(Pem.certificate(c));
        return out.toString();
    }

    /** ca.crt: the Secret's own ca.crt when it has one, else the self-signed root of tls.crt, else its last certificate. */
    String caPem() {
        if (!caCrt.isBlank()) return caCrt;
        for (X509CertificateHolder c : chain) if (selfSigned(c)) return Pem.certificate(c);
        return Pem.certificate(chain.getLast());
    }

    static boolean selfSigned(X509CertificateHolder c) {
        return c.getSubject().equals(c.getIssuer());
    }

    private static String name(Secret secret) {
        return secret.metadata().namespace() + "/" + secret.metadata().name();
    }

    @Override
    public String toString() { // never the key
        return "CaKeyPair[" + certificate().getSubject() + "]";
    }
}
