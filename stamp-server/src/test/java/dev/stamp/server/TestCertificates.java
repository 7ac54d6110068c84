package dev.stamp.server;

import dev.stamp.core.Pki;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import org.bouncycastle.cert.X509CertificateHolder;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Real certificates from a test PKI, with their keys, as TLS material for either end of a connection. */
final class TestCertificates {
    private TestCertificates() {}

    /** A P-256 key and a certificate from {@code caId} with {@code subject} and DNS SANs, chain leaf first. */
    static TlsMaterial issue(Pki pki, String caId, String template, String subject, String... dnsNames) {
        try {
            KeyPair keys = Csrs.p256();
            IssuedCertificate issued = pki.issuance().issue(IssueRequest.of(caId, Csrs.csr(keys, subject, dnsNames),
                    Template.named(template), Validity.days(30)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(ServerCertificates.x509(issued.certificate()));
            for (X509CertificateHolder c : issued.chain()) chain.add(ServerCertificates.x509(c));
            return new TlsMaterial(keys.getPrivate(), chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TlsMaterial client(Pki pki, String caId, String subject, String... dnsNames) {
        return issue(pki, caId, "EndEntityClientAuthCertificate/V1", subject, dnsNames);
    }
}
