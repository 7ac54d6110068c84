package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import java.time.Instant;
import java.util.List;

/**
 * Who signs a CA's responses: the vault key, its algorithm, the public key the responder id hashes, the certificates a
 * response carries (a delegated responder's own, none for the CA) and, for a delegated responder, when its certificate
 * ends (no response may outlive it) and when to look for a new one.
 */
record ResponseSigner(String keyId, SigningAlgorithm algorithm, SubjectPublicKeyInfo responderKey,
                      List<X509CertificateHolder> certificates, Instant rotateAt, Instant notAfter) {
    ResponseSigner {
        certificates = List.copyOf(certificates);
    }

    static ResponseSigner of(CertificateAuthority ca) {
        return new ResponseSigner(ca.keyId(), ca.signingAlgorithm(), ca.certificate().getSubjectPublicKeyInfo(), List.of(), null, null);
    }

    /** The same signer, to be looked at again at {@code at}. */
    ResponseSigner retryAt(Instant at) {
        return new ResponseSigner(keyId, algorithm, responderKey, certificates, at, notAfter);
    }

    boolean delegated() {
        return notAfter != null;
    }
}
