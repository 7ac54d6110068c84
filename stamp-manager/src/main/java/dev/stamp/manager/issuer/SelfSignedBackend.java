package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.KeyIdentifiers;
import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.SecretSource;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.security.PrivateKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * cert-manager's {@code selfSigned} issuer: the request's own key signs, so the certificate is its own issuer and
 * its own {@code ca.crt}.
 */
final class SelfSignedBackend implements IssuerBackend {
    static final String IS_READY = "IsReady";

    private final CsrCertificates certificates;

    SelfSignedBackend(CsrCertificates certificates) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
    }

    @Override
    public IssuerCheck check(Issuer issuer, SecretSource secrets) {
        return IssuerCheck.ready(IS_READY, ""); // nothing to check: it needs no Secret of its own
    }

    @Override
    public SignOutcome sign(SignRequest request) {
        List<String> crls = request.issuer().config() instanceof IssuerConfig.SelfSigned s ? s.crlDistributionPoints() : List.of();
        Optional<PrivateKey> key = request.requestKey();
        if (key.isEmpty()) {
            return new SignOutcome.Failed("MissingAnnotation", "the selfSigned issuer needs the request's private key (annotation "
                    + CertificateRequest.PRIVATE_KEY_SECRET_ANNOTATION + ")");
        }
        try {
            PKCS10CertificationRequest csr = certificates.verifiedCsr(request.request().spec());
            if (!SigningKeys.matches(key.get(), csr.getSubjectPublicKeyInfo())) {
                return new SignOutcome.Failed("ErrorKeyMatch", "Error generating certificate template: CSR not signed by referenced private key");
            }
            var signer = new CsrCertificates.Signer(key.get(), csr.getSubject(), KeyIdentifiers.of(csr.getSubjectPublicKeyInfo()), Optional.empty());
            X509CertificateHolder certificate = certificates.sign(csr, request.request().spec(), signer,
                    new CsrCertificates.Links(crls, List.of(), List.of()), request.now());
            String pem = Pem.certificate(certificate);
            return new SignOutcome.Issued(pem, pem);
        } catch (IllegalArgumentException e) {
            return new SignOutcome.Failed("SigningError", "Error signing certificate: " + e.getMessage());
        }
    }
}
