package dev.stamp.server;

import dev.stamp.core.Pki;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.SignatureVerifier;
import dev.stamp.server.auth.RevocationCheck;
import org.bouncycastle.cert.X509CertificateHolder;

import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;

/**
 * Client certificates issued by one of Stamp's own CAs are checked against its revocations on every request, so
 * revoking a client's certificate locks it out at once, with no CRL to fetch. The issuing CA is the one whose
 * name is the certificate's issuer and whose key verifies its signature. Certificates from other CAs are not
 * checked here (the TLS handshake trusted them; their revocation is their CA's business).
 */
final class ClientRevocations implements RevocationCheck {
    private final Pki pki;
    private final SignatureVerifier verifier;

    ClientRevocations(Pki pki) {
        this.pki = pki;
        this.verifier = new SignatureVerifier(pki.providers());
    }

    @Override
    public boolean revoked(X509Certificate cert) {
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(cert.getEncoded());
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
            return true; // cannot be read again: refuse rather than guess
        }
        X500Principal issuer = cert.getIssuerX500Principal();
        for (CertificateAuthority ca : pki.authorities().list()) {
            if (ca.certificate() == null || !issuer.equals(principal(ca))) continue;
            if (!signedBy(holder, ca)) continue;
            return pki.stores().revocations().find(ca.id(), cert.getSerialNumber()).isPresent();
        }
        return false;
    }

    private boolean signedBy(X509CertificateHolder cert, CertificateAuthority ca) {
        try {
            return verifier.verify(ca.certificate().getSubjectPublicKeyInfo(), cert.getSignatureAlgorithm(),
                    cert.toASN1Structure().getTBSCertificate().getEncoded(), cert.getSignature());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static X500Principal principal(CertificateAuthority ca) {
        try {
            return new X500Principal(ca.certificate().getSubject().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
