package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretSource;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.util.Objects;
import java.util.Optional;

/** cert-manager's {@code ca} issuer: signs with a CA key pair read from a Secret in the issuer's secret namespace. */
final class CaBackend implements IssuerBackend {
    static final String KEY_PAIR_VERIFIED = "KeyPairVerified";
    static final String ERR_GET_KEY_PAIR = "ErrGetKeyPair";
    static final String ERR_INVALID_KEY_PAIR = "ErrInvalidKeyPair";

    private final CsrCertificates certificates;
    private final SecretNamespace namespaces;

    CaBackend(CsrCertificates certificates, SecretNamespace namespaces) {
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
    }

    @Override
    public IssuerCheck check(Issuer issuer, SecretSource secrets) {
        IssuerConfig.Ca config = config(issuer);
        String namespace = namespaces.of(issuer);
        Optional<Secret> secret = secrets.get(namespace, config.secretName());
        if (secret.isEmpty()) {
            return IssuerCheck.notReady(ERR_GET_KEY_PAIR, "Error getting keypair for CA issuer: secret \""
                    + namespace + "/" + config.secretName() + "\" not found");
        }
        try {
            CaKeyPair.from(secret.get());
        } catch (IllegalArgumentException e) {
            return IssuerCheck.notReady(ERR_INVALID_KEY_PAIR, "Error initializing issuer: " + e.getMessage());
        }
        return IssuerCheck.ready(KEY_PAIR_VERIFIED, "Signing CA verified");
    }

    @Override
    public SignOutcome sign(SignRequest request) {
        IssuerConfig.Ca config = config(request.issuer());
        String namespace = namespaces.of(request.issuer());
        Optional<Secret> secret = request.secrets().get(namespace, config.secretName());
        if (secret.isEmpty()) {
            // the Secret may appear later (cert-manager: Pending/SecretMissing)
            return new SignOutcome.Pending("Referenced secret " + namespace + "/" + config.secretName() + " not found");
        }
        CaKeyPair ca;
        try {
            ca = CaKeyPair.from(secret.get());
        } catch (IllegalArgumentException e) {
            return new SignOutcome.Failed("SecretInvalidData", "Failed to parse signing CA keypair from secret "
                    + namespace + "/" + config.secretName() + ": " + e.getMessage());
        }
        try {
            PKCS10CertificationRequest csr = certificates.verifiedCsr(request.request().spec());
            X509CertificateHolder leaf = certificates.sign(csr, request.request().spec(), CsrCertificates.Signer.of(ca.key(), ca.certificate()),
                    new CsrCertificates.Links(config.crlDistributionPoints(), config.ocspServers(), config.issuingCertificateURLs()),
                    request.now());
            return new SignOutcome.Issued(ca.chainPem(leaf), ca.caPem());
        } catch (IllegalArgumentException e) {
            return new SignOutcome.Failed("SigningError", "Error signing certificate: " + e.getMessage());
        }
    }

    private static IssuerConfig.Ca config(Issuer issuer) {
        if (issuer.config() instanceof IssuerConfig.Ca ca) return ca;
        throw new IllegalArgumentException("issuer " + issuer.metadata().name() + " is not a ca issuer");
    }
}
