package dev.stamp.it;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.EphemeralKeyVault;
import dev.stamp.core.testing.InMemoryStores;
import dev.stamp.core.testing.MutableClock;
import dev.stamp.core.testing.TestPki;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * The core wired over in-memory stores and an ephemeral vault (enough here: these tests are about the certificates),
 * with the clock at the real current time, because the external verifiers check validity against the machine's clock
 * (TestPki's clock is fixed at 2026-01-01). Every CA publishes CRL and OCSP links, so the certificates carry the CRL
 * distribution point and authority information access extensions a real deployment puts in them. Not thread-safe.
 */
final class LivePki {
    static final String HOST = "app.private.example.net";
    static final String ROOT_NAME = "CN=Stamp IT Root,O=Stamp IT,C=DE";
    static final String ISSUING_NAME = "CN=Stamp IT Issuing CA,O=Stamp IT,C=DE";
    private static final String ACTOR = "stamp-it";

    final MutableClock clock = new MutableClock(Instant.now());
    final EphemeralKeyVault vault = new EphemeralKeyVault(TestPki.PROVIDERS, new SecureRandom());
    final Pki pki = Pki.wire(new InMemoryStores().stores(), vault, TestPki.PROVIDERS, clock, new SecureRandom(),
            new PublicEndpoints("http://pki.private.example.net"));

    CertificateAuthority root(KeyAlgorithm key, SigningAlgorithm signing) {
        return root(key, signing, ROOT_NAME);
    }

    CertificateAuthority root(KeyAlgorithm key, SigningAlgorithm signing, String subject) {
        return pki.authorities().createRoot(request(CaType.ROOT, subject, key, signing), Validity.years(10), ACTOR);
    }

    CertificateAuthority subordinate(CertificateAuthority parent, KeyAlgorithm key, String template, String subject) {
        return pki.authorities().createSubordinate(request(CaType.SUBORDINATE, subject, key, null), parent.id(),
                Template.named(template), Validity.years(5), ACTOR);
    }

    /** A TLS server leaf (EndEntityCertificate/V1) for {@code host}, from a real CSR signed by {@code key}. */
    IssuedCertificate leaf(CertificateAuthority ca, SigningAlgorithm signing, KeyPair key, String host) {
        byte[] csr = Csrs.csr(key, "CN=" + host + ",O=Stamp IT", host);
        return leaf(ca, signing, csr);
    }

    IssuedCertificate leaf(CertificateAuthority ca, SigningAlgorithm signing, byte[] csr) {
        return pki.issuance().issue(new IssueRequest(ca.id(), csr, signing, Template.named("EndEntityCertificate/V1"),
                Validity.days(30), null, null, null, ACTOR));
    }

    static CertChain chain(IssuedCertificate leaf, String host) {
        return CertChain.of(leaf.certificate(), leaf.chain(), host);
    }

    static CreateCaRequest request(CaType type, String subject, KeyAlgorithm key, SigningAlgorithm signing) {
        return new CreateCaRequest(type, CaSubject.parse(subject), key, signing, null, RevocationConfiguration.crlAndOcsp());
    }
}
