package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.SecretKeySelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.stamp.manager.manifest.Manifests.errors;
import static dev.stamp.manager.manifest.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class IssuerReaderTest {
    private static final String ARN = "arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0f2b7c1e-9d4a-4c1b-8f3e-2a6d5e7c9b10";

    static String issuer(String apiVersion, String kind, String spec) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata:\n  name: issuer\nspec: " + spec + "\n";
    }

    private static Issuer read(String yaml) {
        ManifestResult result = one(yaml);
        assertThat(result).isInstanceOf(ManifestResult.IssuerManifest.class);
        return ((ManifestResult.IssuerManifest) result).issuer();
    }

    @Test
    void readsTheIssuesAwsPcaClusterIssuer() {
        Issuer issuer = read("""
                apiVersion: awspca.cert-manager.io/v1beta1
                kind: AWSPCAClusterIssuer
                metadata:
                  name: private-ca
                spec:
                  arn: %s
                  region: eu-west-1
                  secretRef:
                    namespace: stamp
                    name: aws-credentials
                """.formatted(ARN));

        assertThat(issuer.kind()).isEqualTo(IssuerKind.AWSPCAClusterIssuer);
        assertThat(issuer.metadata().name()).isEqualTo("private-ca");
        assertThat(issuer.metadata().namespace()).isEmpty();
        assertThat(issuer.config()).isEqualTo(new IssuerConfig.AwsPca(ARN, "eu-west-1",
                new IssuerConfig.AwsCredentialsRef("aws-credentials", "stamp",
                        new SecretKeySelector("aws-credentials", "AWS_ACCESS_KEY_ID"),
                        new SecretKeySelector("aws-credentials", "AWS_SECRET_ACCESS_KEY")),
                null, null));
    }

    @Test
    void anAwsPcaIssuerKeepsAnUnsetRegionNullAndReadsSelectorsRoleAndTemplate() {
        Issuer issuer = read(issuer("awspca.cert-manager.io/v1beta1", "AWSPCAIssuer", "{arn: '" + ARN + "', role: 'arn:aws:iam::111122223333:role/pca', "
                + "secretRef: {name: creds, accessKeyIDSelector: {key: id}, secretAccessKeySelector: {key: secret}}, "
                + "pcaTemplate: {defaultTemplateName: SubordinateCACertificate_PathLen1/V1}}"));

        assertThat(issuer.metadata().namespace()).isEqualTo("default");
        assertThat(issuer.config()).isEqualTo(new IssuerConfig.AwsPca(ARN, null,
                new IssuerConfig.AwsCredentialsRef("creds", "default", new SecretKeySelector("creds", "id"), new SecretKeySelector("creds", "secret")),
                "arn:aws:iam::111122223333:role/pca", "SubordinateCACertificate_PathLen1/V1"));
    }

    @Test
    void readsSelfSignedAndCaIssuers() {
        assertThat(read(issuer("cert-manager.io/v1", "ClusterIssuer", "{selfSigned: {}}")).config())
                .isEqualTo(new IssuerConfig.SelfSigned(List.of()));
        assertThat(read(issuer("cert-manager.io/v1", "Issuer", "\n  selfSigned:")).config())
                .isEqualTo(new IssuerConfig.SelfSigned(List.of()));
        assertThat(read(issuer("cert-manager.io/v1", "Issuer", "{ca: {secretName: root-ca, crlDistributionPoints: ['http://crl.example.net/ca.crl'], "
                + "ocspServers: ['http://ocsp.example.net']}}")).config())
                .isEqualTo(new IssuerConfig.Ca("root-ca", List.of("http://crl.example.net/ca.crl"), List.of("http://ocsp.example.net"), List.of()));
    }

    @Test
    void readsStampIssuers() {
        Issuer issuer = read(issuer("stamp.dev/v1alpha1", "StampClusterIssuer",
                "{url: 'https://stamp.example.net:8443', caId: issuing, tokenSecretRef: {name: stamp-token, key: token}}"));

        assertThat(issuer.kind()).isEqualTo(IssuerKind.StampClusterIssuer);
        assertThat(issuer.config()).isEqualTo(new IssuerConfig.Stamp("https://stamp.example.net:8443", "issuing", null,
                new SecretKeySelector("stamp-token", "token"), null));
        assertThat(read(issuer("stamp.dev/v1alpha1", "StampIssuer", "{url: 'http://127.0.0.1:8080', caId: issuing, tokenFile: /etc/stamp/token}")).config())
                .isEqualTo(new IssuerConfig.Stamp("http://127.0.0.1:8080", "issuing", "/etc/stamp/token", null, null));
    }

    static Stream<Arguments> invalid() {
        String cm = "cert-manager.io/v1";
        String aws = "awspca.cert-manager.io/v1beta1";
        String stamp = "stamp.dev/v1alpha1";
        return Stream.of(
                arguments(cm, "{}", "spec: Required value: at least one issuer must be configured"),
                arguments(cm, "{selfSigned: {}, ca: {secretName: x}}", "spec.selfSigned: Forbidden: may not specify more than one issuer type"),
                arguments(cm, "{ca: {}}", "spec.ca.secretName: Required value"),
                arguments(cm, "{acme: {server: 'https://acme.example.net'}}",
                        "spec.acme: Forbidden: the acme issuer type is not supported by Stamp; use selfSigned, ca, an AWSPCAIssuer or a StampIssuer"),
                arguments(cm, "{vault: {server: 'https://vault'}}",
                        "spec.vault: Forbidden: the vault issuer type is not supported by Stamp; use selfSigned, ca, an AWSPCAIssuer or a StampIssuer"),
                arguments(cm, "{venafi: {zone: z}}",
                        "spec.venafi: Forbidden: the venafi issuer type is not supported by Stamp; use selfSigned, ca, an AWSPCAIssuer or a StampIssuer"),
                arguments(cm, "{ca: {secretName: x, ocspServers: ['']}}",
                        "spec.ca.ocspServer[0]: Invalid value: \"\": must be a valid URL, e.g., http://ocsp.int-x3.letsencrypt.org"),
                arguments(cm, "{selfSigned: {crlDistributionPoint: []}}", "unknown field \"spec.selfSigned.crlDistributionPoint\""),
                arguments(aws, "{region: eu-west-1}", "spec.arn: Required value: must be specified"),
                arguments(aws, "{arn: 'arn:aws:acm-pca:eu-west-1:111122223333:template/x'}",
                        "spec.arn: Invalid value: \"arn:aws:acm-pca:eu-west-1:111122223333:template/x\": must be a certificate authority ARN, "
                                + "e.g. arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/<id>"),
                arguments(aws, "{arn: '" + ARN + "', secretRef: {namespace: x}}", "spec.secretRef.name: Required value: must be specified"),
                arguments(stamp, "{caId: issuing, tokenFile: /t}", "spec.url: Required value: must be specified"),
                arguments(stamp, "{url: 'ftp://stamp', caId: issuing, tokenFile: /t}",
                        "spec.url: Invalid value: \"ftp://stamp\": must be an absolute https:// or http:// URL"),
                arguments(stamp, "{url: 'https://stamp', tokenFile: /t}", "spec.caId: Required value: must be specified"),
                arguments(stamp, "{url: 'https://stamp', caId: issuing}", "spec: Required value: exactly one of tokenFile and tokenSecretRef must be set"),
                arguments(stamp, "{url: 'https://stamp', caId: issuing, tokenFile: /t, tokenSecretRef: {name: n, key: k}}",
                        "spec.tokenSecretRef: Forbidden: tokenFile and tokenSecretRef are mutually exclusive and cannot both be set"),
                arguments(stamp, "{url: 'https://stamp', caId: issuing, tokenSecretRef: {name: n}}", "spec.tokenSecretRef.key: Required value: must be specified"),
                arguments(stamp, "{url: 'https://stamp', caId: issuing, tokenFile: /t, caBundle: 'not a certificate'}",
                        "spec.caBundle: Invalid value: \"<snip>\": must be one or more PEM-encoded X.509 certificates"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalid")
    void refusesInvalidIssuersNamingTheField(String apiVersion, String spec, String message) {
        String kind = switch (apiVersion) {
            case "cert-manager.io/v1" -> "Issuer";
            case "awspca.cert-manager.io/v1beta1" -> "AWSPCAIssuer";
            default -> "StampIssuer";
        };
        assertThat(errors(one(issuer(apiVersion, kind, spec)))).contains(message);
    }
}
