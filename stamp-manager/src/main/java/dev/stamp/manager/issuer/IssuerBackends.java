package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.SignatureVerifier;
import dev.stamp.core.issue.SerialNumbers;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The back-end for each kind of issuer, chosen by the issuer's config variant. Secrets of cluster-scoped issuers
 * are read from {@code clusterResourceNamespace}. Thread-safe; close it to release the AWS HTTP client.
 */
public final class IssuerBackends implements AutoCloseable {
    private final SelfSignedBackend selfSigned;
    private final CaBackend ca;
    private final StampBackend stamp;
    private final AwsPcaBackend awsPca;

    /**
     * @param clusterResourceNamespace where ClusterIssuer Secrets live (cert-manager's {@code --cluster-resource-namespace})
     * @param aws endpoints, fallback region and CA bundle for the AWS Private CA API ({@link AwsPcaSettings#fromEnvironment})
     * @param clock the signing time of AWS requests
     * @param random serial numbers of selfSigned and ca certificates
     */
    public IssuerBackends(String clusterResourceNamespace, AwsPcaSettings aws, CryptoProviders providers, Clock clock, SecureRandom random) {
        SecretNamespace namespaces = new SecretNamespace(clusterResourceNamespace);
        CsrCertificates certificates = new CsrCertificates(new SignatureVerifier(providers), new SerialNumbers(random));
        this.selfSigned = new SelfSignedBackend(certificates);
        this.ca = new CaBackend(certificates, namespaces);
        this.stamp = new StampBackend(namespaces);
        this.awsPca = new AwsPcaBackend(namespaces, aws, clock);
    }

    public IssuerBackend backend(IssuerConfig config) {
        return switch (config) {
            case IssuerConfig.SelfSigned s -> selfSigned;
            case IssuerConfig.Ca c -> ca;
            case IssuerConfig.Stamp s -> stamp;
            case IssuerConfig.AwsPca a -> awsPca;
        };
    }

    public IssuerBackend backend(Issuer issuer) {
        return backend(issuer.config());
    }

    @Override
    public void close() {
        awsPca.close();
    }
}
