package dev.stamp.manager.spec;

import java.util.List;

/** What an issuer's spec says about how to sign: exactly one variant per issuer. */
public sealed interface IssuerConfig {
    /** {@code spec.selfSigned}: signs with the request's own key. */
    record SelfSigned(List<String> crlDistributionPoints) implements IssuerConfig {
        public SelfSigned {
            crlDistributionPoints = List.copyOf(crlDistributionPoints);
        }
    }

    /** {@code spec.ca}: a CA key pair in the Secret {@code secretName} ({@code tls.crt}, {@code tls.key}). */
    record Ca(String secretName, List<String> crlDistributionPoints, List<String> ocspServers,
              List<String> issuingCertificateURLs) implements IssuerConfig {
        public Ca {
            crlDistributionPoints = List.copyOf(crlDistributionPoints);
            ocspServers = List.copyOf(ocspServers);
            issuingCertificateURLs = List.copyOf(issuingCertificateURLs);
        }
    }

    /**
     * Stamp's native API ({@code stamp.dev/v1alpha1}): the server URL, the CA id, an API token read from a file
     * (or a Secret key), and an optional PEM bundle to trust the server's TLS certificate with.
     */
    record Stamp(String url, String caId, String tokenFile, SecretKeySelector tokenSecretRef, String caBundle)
            implements IssuerConfig {
    }

    /**
     * aws-privateca-issuer's spec: the CA ARN, the region, static keys from a Secret (the selectors default to
     * AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), an optional role to assume, and an optional template name that
     * overrides the usage mapping.
     */
    record AwsPca(String arn, String region, AwsCredentialsRef secretRef, String role, String defaultTemplateName)
            implements IssuerConfig {
    }

    /** {@code spec.secretRef} of an AWSPCAIssuer; null when credentials come from the environment. */
    record AwsCredentialsRef(String name, String namespace, SecretKeySelector accessKeyIDSelector,
                             SecretKeySelector secretAccessKeySelector) {
    }
}
