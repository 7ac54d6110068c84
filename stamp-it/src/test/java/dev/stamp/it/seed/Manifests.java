package dev.stamp.it.seed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What the operator drops into the agent's config directory (cert-manager's and aws-privateca-issuer's manifests,
 * unchanged from what works in a cluster) and the Secret holding the AWS access key.
 */
final class Manifests {
    private Manifests() {}

    /** The AWSPCAClusterIssuer for the subordinate CA and the Certificate for the site, reloading nginx when renewed. */
    static String awsPcaSite(String subordinateArn, String region, String credentialsNamespace, String host, String reloadCommand) {
        return """
                apiVersion: awspca.cert-manager.io/v1beta1
                kind: AWSPCAClusterIssuer
                metadata:
                  name: stamp-pca
                spec:
                  arn: %1$s
                  region: %2$s
                  secretRef:
                    namespace: %3$s
                    name: stamp-aws-credentials
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: app
                  namespace: default
                  annotations:
                    stamp.dev/reload-command: "%5$s"
                spec:
                  secretName: app-tls
                  commonName: %4$s
                  dnsNames:
                    - %4$s
                  duration: 720h
                  privateKey:
                    algorithm: ECDSA
                    size: 256
                  usages:
                    - server auth
                    - digital signature
                  issuerRef:
                    group: awspca.cert-manager.io
                    kind: AWSPCAClusterIssuer
                    name: stamp-pca
                """.formatted(subordinateArn, region, credentialsNamespace, host, reloadCommand);
    }

    /**
     * cert-manager's CA bootstrap: a selfSigned Issuer signs an isCA Certificate, whose Secret a {@code ca} Issuer
     * then signs with.
     */
    static String caBootstrap(String host) {
        return """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: selfsigned
                  namespace: default
                spec:
                  selfSigned: {}
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: internal-ca
                  namespace: default
                spec:
                  isCA: true
                  commonName: Example Internal CA
                  secretName: internal-ca
                  duration: 8760h
                  privateKey:
                    algorithm: ECDSA
                    size: 256
                  issuerRef:
                    name: selfsigned
                    kind: Issuer
                    group: cert-manager.io
                ---
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: internal-ca
                  namespace: default
                spec:
                  ca:
                    secretName: internal-ca
                ---
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: internal
                  namespace: default
                spec:
                  secretName: internal-tls
                  dnsNames:
                    - %s
                  privateKey:
                    algorithm: ECDSA
                    size: 256
                  issuerRef:
                    name: internal-ca
                    kind: Issuer
                """.formatted(host);
    }

    /** A Secret directory filled by hand: one file per data key, readable by its owner only. */
    static void credentials(Path secret, String accessKeyId, String secretAccessKey) {
        try {
            Files.createDirectories(secret);
            for (var entry : java.util.Map.of("AWS_ACCESS_KEY_ID", accessKeyId, "AWS_SECRET_ACCESS_KEY", secretAccessKey).entrySet()) {
                Path file = secret.resolve(entry.getKey());
                Files.writeString(file, entry.getValue());
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
