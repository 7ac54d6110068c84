package dev.stamp.manager.policy;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

import java.time.Instant;
import java.util.Optional;

/**
 * The guard cert-manager's issuing controller applies before storing an issued certificate (PRs #8403 and #8610): its
 * public key must be the CSR's and it must not already be expired. Storing either would make the trigger chain
 * re-issue at once, in a loop; refusing it fails the issuance, which then backs off. The caller records a violation
 * with {@link dev.stamp.manager.spec.CertificateStatus#withFailedIssuance}.
 */
public final class IssuedCertificateCheck {
    private IssuedCertificateCheck() {}

    /**
     * @param certificatePem the request's {@code status.certificate} (leaf first)
     * @param csrPem         the request's {@code spec.request}
     * @return an {@link Reason#InvalidCertificate} violation, or empty when the certificate may be stored
     */
    public static Optional<Violation> check(String certificatePem, String csrPem, Instant now) {
        X509CertificateHolder cert;
        try {
            cert = Pems.leafCertificate(certificatePem);
        } catch (DecodeException e) {
            return invalid("Failed to decode the issued certificate: " + e.getMessage());
        }
        AsymmetricKeyParameter requested;
        AsymmetricKeyParameter issued;
        try {
            requested = KeyMaterial.publicKey(Pems.csr(csrPem).getSubjectPublicKeyInfo());
            issued = KeyMaterial.publicKey(cert.getSubjectPublicKeyInfo());
        } catch (DecodeException e) {
            return invalid("Failed to compare the issued certificate with its request: " + e.getMessage());
        }
        if (!KeyMaterial.publicKeysEqual(requested, issued)) {
            return invalid("The public key of the issued certificate (serial " + cert.getSerialNumber().toString(16)
                    + ") does not match the public key of the CertificateRequest's CSR");
        }
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return invalid("The issued certificate (serial " + cert.getSerialNumber().toString(16)
                    + ") has already expired: it was valid until " + GoText.rfc1123(notAfter));
        }
        return Optional.empty();
    }

    private static Optional<Violation> invalid(String message) {
        return Optional.of(new Violation(Reason.InvalidCertificate, message));
    }
}
