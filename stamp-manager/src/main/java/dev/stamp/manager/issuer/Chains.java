package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.cert.X509CertificateHolder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * aws-privateca-issuer's split of an issued certificate and its chain (issuing CA first, root last) into
 * {@code tls.crt} (the certificate and every chain certificate but the last) and {@code ca.crt} (the last).
 */
final class Chains {
    private Chains() {}

    /** IllegalArgumentException when the certificate or the chain is not PEM, or the chain is empty. */
    static SignOutcome.Issued split(String certificatePem, String chainPem) {
        List<X509CertificateHolder> leaf = Pem.certificates(certificatePem.getBytes(StandardCharsets.US_ASCII));
        if (chainPem == null || chainPem.isBlank()) throw new IllegalArgumentException("failed to read certificate: the chain is empty");
        List<X509CertificateHolder> chain = Pem.certificates(chainPem.getBytes(StandardCharsets.US_ASCII));
        String tls = Pem.certificates(leaf) + Pem.certificates(chain.subList(0, chain.size() - 1));
        return new SignOutcome.Issued(tls, Pem.certificate(chain.getLast()));
    }
}
