package dev.stamp.manager.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.stamp.manager.manifest.Manifests.certificate;
import static dev.stamp.manager.manifest.Manifests.errors;
import static dev.stamp.manager.manifest.Manifests.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** cert-manager's Certificate validation, rule by rule: a row that passes and a row that fails with its message. */
class CertificateValidationTest {
    private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', "
            + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    static Stream<Arguments> valid() {
        return Stream.of(
                arguments("the base certificate", ""),
                arguments("a dotted secret name", "secretName: app-tls.v1"),
                arguments("a ClusterIssuer", "issuerRef: {name: ca, kind: ClusterIssuer}"),
                arguments("an external issuer with its group", "issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: awspca.cert-manager.io}"),
                arguments("a 64-byte common name", "commonName: " + "a".repeat(64)),
                arguments("a literal subject", "literalSubject: 'CN=app,O=Example,DC=example,DC=net'"),
                arguments("a literal subject with a dotted OID", "literalSubject: '1.2.3.4=x,CN=app'"),
                arguments("a CN from the literal subject is an identity", "literalSubject: 'CN=app' | dnsNames: ~"),
                arguments("a common name alone is an identity", "commonName: app | dnsNames: ~"),
                arguments("an otherName alone is an identity", "dnsNames: ~ | otherNames: [{oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: u@example.net}]"),
                arguments("IPv4 and IPv6 addresses", "ipAddresses: [10.0.0.1, '::1', 'fe80::1', '::ffff:10.0.0.1']"),
                arguments("a bare email address", "emailAddresses: [ops@example.net]"),
                arguments("a one-hour duration", "duration: 1h"),
                arguments("renewBefore of five minutes", "renewBefore: 5m"),
                arguments("renewBefore below the duration", "duration: 24h | renewBefore: 8h"),
                arguments("renewBeforePercentage of 50", "renewBeforePercentage: 50"),
                arguments("two usages", "usages: [server auth, client auth]"),
                arguments("RSA 4096", "privateKey: {algorithm: RSA, size: 4096}"),
                arguments("RSA 8192", "privateKey: {algorithm: RSA, size: 8192}"),
                arguments("ECDSA 384", "privateKey: {algorithm: ECDSA, size: 384}"),
                arguments("Ed25519 with any size", "privateKey: {algorithm: Ed25519, size: 4096}"),
                arguments("a matching signature algorithm", "signatureAlgorithm: SHA384WithRSA"),
                arguments("ECDSA with an ECDSA signature", "privateKey: {algorithm: ECDSA} | signatureAlgorithm: ECDSAWithSHA384"),
                arguments("a JKS password from a secret", "keystores: {jks: {create: true, passwordSecretRef: {name: jks-pw, key: password}}}"),
                arguments("a literal PKCS#12 password", "keystores: {pkcs12: {create: true, password: changeit}}"),
                arguments("two distinct output formats", "additionalOutputFormats: [{type: DER}, {type: CombinedPEM}]"),
                arguments("the allowed cert-manager annotation", "secretTemplate: {annotations: {cert-manager.io/allow-direct-injection: 'true', team: pki}, labels: {app: web}}"),
                arguments("name constraints on a CA", "isCA: true | nameConstraints: {critical: true, permitted: {dnsDomains: [.example.net], ipRanges: [10.0.0.0/8]}}"),
                arguments("a history of three", "revisionHistoryLimit: 3"),
                arguments("prefixed and empty label values", "secretTemplate: {labels: {app.kubernetes.io/name: web, empty: ''}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void acceptsValidCertificates(String rule, String overrides) {
        assertThat(one(certificate(overrides))).isInstanceOf(ManifestResult.CertificateManifest.class);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("secretName: ~", "spec.secretName: Required value: must be specified"),
                arguments("secretName: Bad_Name", "spec.secretName: Invalid value: \"Bad_Name\": " + SUBDOMAIN),
                arguments("issuerRef: {kind: Issuer}", "spec.issuerRef.name: Required value: must be specified"),
                arguments("issuerRef: {name: pca, kind: AWSPCAClusterIssuer}",
                        "spec.issuerRef.kind: Invalid value: \"AWSPCAClusterIssuer\": must be one of Issuer or ClusterIssuer (did you forget to set spec.issuerRef.group?)"),
                arguments("issuerRef: {name: pca, kind: AWSPCAClusterIssuer, group: cert-manager.io}",
                        "spec.issuerRef.kind: Invalid value: \"AWSPCAClusterIssuer\": must be one of Issuer or ClusterIssuer"),
                arguments("commonName: " + "a".repeat(65), "spec.commonName: Too long: must have at most 64 bytes"),
                arguments("literalSubject: 'CN=app,O=Example' | commonName: app",
                        "spec.commonName: Invalid value: \"app\": When providing a `LiteralSubject` no `commonName` may be provided."),
                arguments("literalSubject: 'CN=app' | subject: {organizations: [Example]}",
                        "spec.subject: Invalid value: When providing a `LiteralSubject` no `Subject` properties may be provided."),
                arguments("literalSubject: 'CN=app,FOO=bar'",
                        "spec.literalSubject: Invalid value: \"CN=app,FOO=bar\": Literal subject contains unrecognized key with value [bar]"),
                arguments("dnsNames: ~", "spec: Invalid value: \"\": at least one of commonName (from the commonName field or from a "
                        + "literalSubject), dnsNames, emailSANs, ipAddresses, otherNames, or uriSANs must be set"),
                arguments("ipAddresses: [10.0.0.1, 10.0.0.256]", "spec.ipAddresses[1]: Invalid value: \"10.0.0.256\": invalid IP address"),
                arguments("ipAddresses: ['010.0.0.1']", "spec.ipAddresses[0]: Invalid value: \"010.0.0.1\": invalid IP address"),
                arguments("emailAddresses: ['Ops <ops@example.net>']",
                        "spec.emailAddresses[0]: Invalid value: \"Ops <ops@example.net>\": invalid email address: make sure the supplied value only contains the email address itself"),
                arguments("emailAddresses: [ops]", "spec.emailAddresses[0]: Invalid value: \"ops\": invalid email address: mail: missing @ in addr-spec"),
                arguments("otherNames: [{utf8Value: x}]", "spec.otherNames[0].oid: Required value: must be specified"),
                arguments("otherNames: [{oid: '1.x', utf8Value: x}]", "spec.otherNames[0].oid: Invalid value: \"1.x\": invalid oid syntax"),
                arguments("otherNames: [{oid: 1.2.3}]", "spec.otherNames[0].utf8Value: Required value: must be set to a valid non-empty UTF8 string"),
                arguments("duration: 30m", "spec.duration: Invalid value: 30m0s: certificate duration must be greater than 1h0m0s"),
                arguments("duration: 90d", "spec.duration: Invalid value: \"90d\": time: unknown unit \"d\" in duration \"90d\""),
                arguments("renewBefore: 4m", "spec.renewBefore: Invalid value: 4m0s: certificate renewBefore must be greater than 5m0s"),
                arguments("duration: 1h | renewBefore: 1h",
                        "spec.renewBefore: Invalid value: 1h0m0s: certificate duration 1h0m0s must be greater than renewBefore 1h0m0s"),
                arguments("renewBefore: 360h | renewBeforePercentage: 20",
                        "spec.renewBefore: Invalid value: 360h0m0s: renewBefore and renewBeforePercentage are mutually exclusive and cannot both be set"),
                arguments("renewBefore: 360h | renewBeforePercentage: 20",
                        "spec.renewBeforePercentage: Invalid value: 20: renewBefore and renewBeforePercentage are mutually exclusive and cannot both be set"),
                arguments("renewBeforePercentage: 100",
                        "spec.renewBeforePercentage: Invalid value: 100: certificate renewBeforePercentage must result in a renewBefore greater than 5m0s"),
                arguments("duration: 1h | renewBeforePercentage: 95",
                        "spec.renewBeforePercentage: Invalid value: 95: certificate renewBeforePercentage must result in a renewBefore greater than 5m0s"),
                arguments("renewBeforePercentage: 0",
                        "spec.renewBeforePercentage: Invalid value: 0: certificate renewBeforePercentage must result in a renewBefore less than duration"),
                arguments("usages: [server auth, web]", "spec.usages[1]: Invalid value: \"web\": unknown keyusage"),
                arguments("privateKey: {size: 1024}", "spec.privateKey.size: Invalid value: 1024: must be between 2048 and 8192 for rsa keyAlgorithm"),
                arguments("privateKey: {size: 16384}", "spec.privateKey.size: Invalid value: 16384: must be between 2048 and 8192 for rsa keyAlgorithm"),
                arguments("privateKey: {algorithm: ECDSA, size: 224}", "spec.privateKey.size: Unsupported value: 224: supported values: \"256\", \"384\", \"521\""),
                arguments("privateKey: {algorithm: DSA}", "spec.privateKey.algorithm: Unsupported value: \"DSA\": supported values: \"RSA\", \"ECDSA\", \"Ed25519\""),
                arguments("privateKey: {encoding: DER}", "spec.privateKey.encoding: Unsupported value: \"DER\": supported values: \"PKCS1\", \"PKCS8\""),
                arguments("signatureAlgorithm: ECDSAWithSHA256",
                        "spec.signatureAlgorithm: Invalid value: \"ECDSAWithSHA256\": for key algorithm RSA the allowed signature algorithms are [SHA256WithRSA SHA384WithRSA SHA512WithRSA]"),
                arguments("privateKey: {algorithm: Ed25519} | signatureAlgorithm: SHA256WithRSA",
                        "spec.signatureAlgorithm: Invalid value: \"SHA256WithRSA\": for key algorithm Ed25519 the allowed signature algorithms are [PureEd25519]"),
                arguments("keystores: {jks: {create: true}}",
                        "spec.keystores.jks: Forbidden: must set exactly one of passwordSecretRef and password must for JKS keystores"),
                arguments("keystores: {pkcs12: {create: true, password: x, passwordSecretRef: {name: p, key: k}}}",
                        "spec.keystores.pkcs12: Forbidden: exactly one of passwordSecretRef and password must be provided for PKCS#12 keystores; cannot set both"),
                arguments("keystores: {pkcs12: {create: true, password: ''}}",
                        "spec.keystores.pkcs12.password: Forbidden: literal password cannot be empty if set on PKCS#12 keystores"),
                arguments("keystores: {pkcs12: {create: true, password: x, profile: Modern2099}}",
                        "spec.keystores.pkcs12.profile: Unsupported value: \"Modern2099\": supported values: \"LegacyRC2\", \"LegacyDES\", \"Modern2023\", \"Modern2026\""),
                arguments("additionalOutputFormats: [{type: DER}, {type: DER}]", "spec.additionalOutputFormats[type]: Duplicate value: \"DER\""),
                arguments("additionalOutputFormats: [{type: PEM}]",
                        "spec.additionalOutputFormats[0].type: Unsupported value: \"PEM\": supported values: \"DER\", \"CombinedPEM\""),
                arguments("secretTemplate: {annotations: {cert-manager.io/issuer-name: x}}",
                        "spec.secretTemplate.annotations: Invalid value: \"cert-manager.io/issuer-name\": cert-manager.io/* annotations are not allowed"),
                arguments("secretTemplate: {labels: {'bad key': x}}",
                        "spec.secretTemplate.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', "
                                + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
                                + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"),
                arguments("secretTemplate: {labels: {'Example_Com/app': x}}",
                        "spec.secretTemplate.labels: Invalid value: \"Example_Com/app\": prefix part " + SUBDOMAIN),
                arguments("secretTemplate: {labels: {app: 'bad value!'}}",
                        "spec.secretTemplate.labels: Invalid value: \"bad value!\": a valid label must be an empty string or consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                                + "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                arguments("nameConstraints: {permitted: {dnsDomains: [.example.net]}}",
                        "spec.nameConstraints: Invalid value: isCa should be true when nameConstraints is set"),
                arguments("isCA: true | nameConstraints: {critical: true}", "spec.nameConstraints: Invalid value: either permitted or excluded must be set"),
                arguments("isCA: true | nameConstraints: {permitted: {ipRanges: [10.0.0.0/33]}}",
                        "spec.nameConstraints.permitted.ipRanges[0]: Invalid value: \"10.0.0.0/33\": invalid CIDR address"),
                arguments("revisionHistoryLimit: 0", "spec.revisionHistoryLimit: Invalid value: 0: must not be less than 1"),
                arguments("dnsName: [app.example.net]", "unknown field \"spec.dnsName\""),
                arguments("dnsNames: app.example.net",
                        "spec.dnsNames: Invalid value: \"string\": spec.dnsNames in body must be of type array: \"string\""),
                arguments("isCA: 'yes'", "spec.isCA: Invalid value: \"string\": spec.isCA in body must be of type boolean: \"string\""),
                arguments("renewal: {policy: Disabled}", "spec.renewal: Forbidden: renewal windows and policies are not supported by Stamp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesInvalidCertificatesWithCertManagersMessage(String overrides, String message) {
        assertThat(errors(one(certificate(overrides)))).contains(message);
    }
}
