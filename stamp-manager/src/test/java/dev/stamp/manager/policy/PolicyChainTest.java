package dev.stamp.manager.policy;

import dev.stamp.manager.policy.Fixtures.Names;
import dev.stamp.manager.policy.Fixtures.SpecBuilder;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.stamp.manager.policy.Fixtures.ISSUER;
import static dev.stamp.manager.policy.Fixtures.KEY;
import static dev.stamp.manager.policy.Fixtures.NAMES;
import static dev.stamp.manager.policy.Fixtures.NOW;
import static dev.stamp.manager.policy.Fixtures.OTHER_KEY;
import static dev.stamp.manager.policy.Fixtures.annotations;
import static dev.stamp.manager.policy.Fixtures.csr;
import static dev.stamp.manager.policy.Fixtures.freshCertificate;
import static dev.stamp.manager.policy.Fixtures.request;
import static dev.stamp.manager.policy.Fixtures.secret;
import static dev.stamp.manager.policy.Fixtures.traditionalPem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trigger and readiness chains over real keys, certificates and CSRs: each reason with a row that triggers it and
 * a row that passes, and the order of the checks (two problems at once give the earlier reason).
 */
class PolicyChainTest {
    private static final CertificateSpec SPEC = Fixtures.spec();
    private static final String KEY_PEM = traditionalPem(KEY.getPrivate());
    private static final String CERT_PEM = freshCertificate(KEY, NAMES);
    private static final CertificateRequest CURRENT = request(csr(KEY, NAMES), SPEC);

    /** A row: the input, the reason each chain gives (null: passes) and the trigger message (a "…" suffix: a prefix). */
    record Row(String name, PolicyInput input, Reason trigger, Reason readiness, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                // passing rows
                row("up to date", good(SPEC), null, null, null),
                row("up to date without a current request (certificate compared loosely)",
                        input(SPEC, secret(KEY_PEM, CERT_PEM), null, NOW), null, null, null),
                row("up to date with a PKCS#8 key", input(SPEC, secret(Fixtures.pkcs8Pem(KEY.getPrivate()), CERT_PEM), CURRENT, NOW), null, null, null),
                row("up to date with an RSA 2048 PKCS#1 key and an RSA spec", keyed(Fixtures.rsa2048(), spec(b -> b.privateKey = PrivateKeySpec.DEFAULT)), null, null, null),
                row("up to date with an Ed25519 key and an Ed25519 spec", keyed(Fixtures.ed25519(), spec(b -> b.privateKey = key(PrivateKeyAlgorithm.Ed25519, 0))), null, null, null),
                row("up to date with a P-384 key and an ECDSA 384 spec", keyed(Fixtures.P384_KEY, spec(b -> b.privateKey = key(PrivateKeyAlgorithm.ECDSA, 384))), null, null, null),
                row("a Secret without issuer or certificate annotations passes", input(SPEC, secret(KEY_PEM, CERT_PEM, Map.of()), CURRENT, NOW), null, null, null),
                row("issuer annotations with empty kind and group equal a defaulted issuerRef", defaultedIssuer(), null, null, null),
                row("reordered usages are no change", good(spec(b -> b.usages = List.of(KeyUsage.KEY_ENCIPHERMENT, KeyUsage.DIGITAL_SIGNATURE)), CURRENT), null, null, null),
                row("CN moved into the SANs by the issuer passes without a request",
                        input(SPEC, secret(KEY_PEM, freshCertificate(KEY, Names.of("", "app.private.example.net"))), null, NOW), null, null, null),
                row("a duration change without a current request is no change",
                        input(spec(b -> b.duration = Duration.ofHours(24)), secret(KEY_PEM, CERT_PEM), null, NOW), null, null, null),
                row("one second before the renewal time", timed(NOW.plusSeconds(1)), null, null, null),
                row("at notAfter exactly the certificate has not expired", expiring(NOW), Reason.Renewing, null, null),

                // DoesNotExist, MissingData
                row("no Secret", input(SPEC, null, CURRENT, NOW), Reason.DoesNotExist, Reason.DoesNotExist,
                        "Issuing certificate as Secret does not exist"),
                row("a Secret with no data", input(SPEC, secret(null, null), CURRENT, NOW), Reason.MissingData, Reason.MissingData,
                        "Issuing certificate as Secret does not contain any data"),
                row("a Secret without tls.key", input(SPEC, secret(null, CERT_PEM), CURRENT, NOW), Reason.MissingData, Reason.MissingData,
                        "Issuing certificate as Secret does not contain a private key"),
                row("a Secret without tls.crt", input(SPEC, secret(KEY_PEM, null), CURRENT, NOW), Reason.MissingData, Reason.MissingData,
                        "Issuing certificate as Secret does not contain a certificate"),

                // InvalidKeyPair, InvalidCertificate
                row("tls.key is not a key", input(SPEC, secret("not a key", CERT_PEM), CURRENT, NOW), Reason.InvalidKeyPair, Reason.InvalidKeyPair,
                        "Issuing certificate as Secret contains invalid private key data: …"),
                row("tls.key does not match tls.crt", input(SPEC, secret(traditionalPem(OTHER_KEY.getPrivate()), CERT_PEM), CURRENT, NOW),
                        Reason.InvalidKeyPair, Reason.InvalidKeyPair,
                        "Issuing certificate as Secret contains a private key that does not match the certificate"),
                row("tls.crt is not a certificate", input(SPEC, secret(KEY_PEM, "garbage"), CURRENT, NOW), Reason.InvalidCertificate, Reason.InvalidCertificate,
                        "Issuing certificate as Secret contains an invalid certificate: …"),

                // IncorrectIssuer, IncorrectCertificate
                row("the Secret was issued by another issuer", annotated(annotations(new IssuerRef("old", "ClusterIssuer", "cert-manager.io"), "app")),
                        Reason.IncorrectIssuer, Reason.IncorrectIssuer,
                        "Issuing certificate as Secret was previously issued by \"ClusterIssuer.cert-manager.io/old\""),
                row("the Secret was issued by an Issuer of the same name", annotated(annotations(new IssuerRef("stamp", "", ""), "app")),
                        Reason.IncorrectIssuer, Reason.IncorrectIssuer,
                        "Issuing certificate as Secret was previously issued by \"Issuer.cert-manager.io/stamp\""),
                row("the Secret was issued for another Certificate", annotated(annotations(ISSUER, "other")),
                        Reason.IncorrectCertificate, Reason.IncorrectCertificate,
                        "Secret was issued for \"other\". If this message is not transient, you might have two conflicting Certificates pointing to the same secret."),

                // SecretMismatch: the key against the spec
                row("an ECDSA key for an RSA spec", good(spec(b -> b.privateKey = PrivateKeySpec.DEFAULT), CURRENT), Reason.SecretMismatch, Reason.SecretMismatch,
                        "Existing private key is not up to date for spec: [spec.privateKey.algorithm]"),
                row("a P-256 key for an ECDSA 384 spec", good(spec(b -> b.privateKey = key(PrivateKeyAlgorithm.ECDSA, 384)), CURRENT), Reason.SecretMismatch, Reason.SecretMismatch,
                        "Existing private key is not up to date for spec: [spec.privateKey.size]"),
                row("an RSA 2048 key for an RSA 4096 spec", keyed(Fixtures.rsa2048(), spec(b -> b.privateKey = key(PrivateKeyAlgorithm.RSA, 4096))),
                        Reason.SecretMismatch, Reason.SecretMismatch, "Existing private key is not up to date for spec: [spec.privateKey.size]"),

                // SecretMismatch / InvalidCertificateRequest: the key against the current request
                row("the current request was made for another key", good(SPEC, request(csr(OTHER_KEY, NAMES), SPEC)), Reason.SecretMismatch, Reason.SecretMismatch,
                        "Secret contains a private key that does not match the current CertificateRequest"),
                row("the current request's CSR cannot be decoded", good(SPEC, request("garbage", SPEC)),
                        Reason.InvalidCertificateRequest, Reason.InvalidCertificateRequest, "Failed to decode current CertificateRequest: …"),

                // RequestChanged, and SecretMismatch when there is no request to compare
                row("a DNS name was added", good(spec(b -> b.dnsNames = List.of("app.private.example.net", "www.private.example.net")), CURRENT),
                        Reason.RequestChanged, Reason.RequestChanged, "Fields on existing CertificateRequest resource not up to date: [spec.dnsNames]"),
                row("CN, usages, duration and issuer changed", good(spec(b -> {
                            b.commonName = "other.private.example.net";
                            b.usages = List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.SERVER_AUTH);
                            b.duration = Duration.ofHours(24);
                            b.issuerRef = new IssuerRef("stamp2", "ClusterIssuer", "cert-manager.io");
                        }), CURRENT, annotations(new IssuerRef("stamp2", "ClusterIssuer", "cert-manager.io"), "app")),
                        Reason.RequestChanged, Reason.RequestChanged,
                        "Fields on existing CertificateRequest resource not up to date: [spec.commonName spec.usages spec.duration spec.issuerRef]"),
                row("a DNS name was added and the request is gone",
                        input(spec(b -> b.dnsNames = List.of("app.private.example.net", "www.private.example.net")), secret(KEY_PEM, CERT_PEM), null, NOW),
                        Reason.SecretMismatch, Reason.SecretMismatch,
                        "Issuing certificate as Existing issued Secret is not up to date for spec: [spec.dnsNames]"),

                // Renewing, Expired
                row("the renewal time has come", timed(NOW), Reason.Renewing, null,
                        "Renewing certificate as renewal was scheduled at 2026-06-01 12:00:00 +0000 UTC"),
                row("the certificate expired a second ago", expiring(NOW.minusSeconds(1)), Reason.Renewing, Reason.Expired, null),

                // order: the earlier check wins
                row("order: a key mismatch before a wrong issuer",
                        input(SPEC, secret(traditionalPem(OTHER_KEY.getPrivate()), CERT_PEM, annotations(new IssuerRef("old", "Issuer", ""), "app")), CURRENT, NOW),
                        Reason.InvalidKeyPair, Reason.InvalidKeyPair, null),
                row("order: missing data before a wrong issuer",
                        input(SPEC, secret(null, CERT_PEM, annotations(new IssuerRef("old", "Issuer", ""), "app")), CURRENT, NOW),
                        Reason.MissingData, Reason.MissingData, null),
                row("order: a wrong issuer before a wrong certificate name", annotated(annotations(new IssuerRef("old", "Issuer", ""), "other")),
                        Reason.IncorrectIssuer, Reason.IncorrectIssuer, null),
                row("order: a wrong certificate name before a key that misses the spec",
                        input(spec(b -> b.privateKey = PrivateKeySpec.DEFAULT), secret(KEY_PEM, CERT_PEM, annotations(ISSUER, "other")), CURRENT, NOW),
                        Reason.IncorrectCertificate, Reason.IncorrectCertificate, null),
                row("order: a key that misses the spec before a request for another key",
                        good(spec(b -> b.privateKey = PrivateKeySpec.DEFAULT), request(csr(OTHER_KEY, NAMES), SPEC)),
                        Reason.SecretMismatch, Reason.SecretMismatch, "Existing private key is not up to date for spec: [spec.privateKey.algorithm]"),
                row("order: a request for another key before a changed spec",
                        good(spec(b -> b.dnsNames = List.of("www.private.example.net")), request(csr(OTHER_KEY, NAMES), SPEC)),
                        Reason.SecretMismatch, Reason.SecretMismatch, "Secret contains a private key that does not match the current CertificateRequest"),
                row("order: a changed spec before expiry",
                        input(spec(b -> b.dnsNames = List.of("www.private.example.net")), secret(KEY_PEM, expiredCertificate()), CURRENT, NOW),
                        Reason.RequestChanged, Reason.RequestChanged, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void chainsGiveTheFirstFailingReason(Row row) {
        Optional<Violation> trigger = PolicyChain.TRIGGER.evaluate(row.input());
        Optional<Violation> readiness = PolicyChain.READINESS.evaluate(row.input());

        assertThat(trigger.map(Violation::reason)).as("trigger").isEqualTo(Optional.ofNullable(row.trigger()));
        assertThat(readiness.map(Violation::reason)).as("readiness").isEqualTo(Optional.ofNullable(row.readiness()));
        if (row.message() != null) {
            String message = trigger.orElseThrow().message();
            if (row.message().endsWith("…")) {
                assertThat(message).startsWith(row.message().substring(0, row.message().length() - 1)).hasSizeGreaterThan(row.message().length());
            } else {
                assertThat(message).isEqualTo(row.message());
            }
        }
        if (row.trigger() != null && row.trigger() == row.readiness()) {
            assertThat(readiness.orElseThrow().message()).isEqualTo(trigger.orElseThrow().message());
        }
    }

    @Test
    void expiredMessageNamesNotAfterInRfc1123() {
        Optional<Violation> v = PolicyChain.READINESS.evaluate(expiring(NOW.minusSeconds(1)));

        assertThat(v).contains(new Violation(Reason.Expired, "Certificate expired on Mon, 01 Jun 2026 11:59:59 UTC"));
    }

    @Test
    void chainsEndWithRenewalAndExpiryAndShareTheirOtherChecks() {
        List<PolicyCheck> trigger = PolicyChain.TRIGGER.checks();
        List<PolicyCheck> readiness = PolicyChain.READINESS.checks();

        assertThat(trigger.getLast()).isEqualTo(Checks.CURRENT_CERTIFICATE_NEARING_EXPIRY);
        assertThat(readiness.getLast()).isEqualTo(Checks.CURRENT_CERTIFICATE_HAS_EXPIRED);
        assertThat(trigger.subList(0, trigger.size() - 1)).isEqualTo(readiness.subList(0, readiness.size() - 1));
    }

    // ---- row builders ----

    private static Arguments row(String name, PolicyInput input, Reason trigger, Reason readiness, String message) {
        return Arguments.of(new Row(name, input, trigger, readiness, message));
    }

    private static PolicyInput input(CertificateSpec spec, Secret secret, CertificateRequest current, Instant now) {
        return Fixtures.input(spec, secret, current, now);
    }

    private static CertificateSpec spec(Consumer<SpecBuilder> change) {
        SpecBuilder b = new SpecBuilder();
        change.accept(b);
        return b.build();
    }

    private static PrivateKeySpec key(PrivateKeyAlgorithm algorithm, int size) {
        return new PrivateKeySpec(algorithm, size, PrivateKeyEncoding.PKCS8, RotationPolicy.Always);
    }

    /** The good Secret and current request, judged against {@code spec}. */
    private static PolicyInput good(CertificateSpec spec) {
        return good(spec, request(csr(KEY, NAMES), spec));
    }

    private static PolicyInput good(CertificateSpec spec, CertificateRequest current) {
        return input(spec, secret(KEY_PEM, CERT_PEM, annotations(spec.issuerRef(), "app")), current, NOW);
    }

    private static PolicyInput good(CertificateSpec spec, CertificateRequest current, Map<String, String> annotations) {
        return input(spec, secret(KEY_PEM, CERT_PEM, annotations), current, NOW);
    }

    private static PolicyInput annotated(Map<String, String> annotations) {
        return input(SPEC, secret(KEY_PEM, CERT_PEM, annotations), CURRENT, NOW);
    }

    /** A Secret, certificate and request all made for another key pair. */
    private static PolicyInput keyed(KeyPair key, CertificateSpec spec) {
        return input(spec, secret(traditionalPem(key.getPrivate()), freshCertificate(key, NAMES)), request(csr(key, NAMES), spec), NOW);
    }

    private static PolicyInput defaultedIssuer() {
        IssuerRef explicit = new IssuerRef("stamp", "Issuer", "cert-manager.io");
        CertificateSpec spec = spec(b -> b.issuerRef = explicit);
        CertificateRequest current = new CertificateRequest(ObjectMeta.of("default", "app-1"),
                new CertificateRequestSpec(csr(KEY, NAMES), new IssuerRef("stamp", "", ""), spec.duration(), false, spec.usages()));
        return input(spec, secret(KEY_PEM, CERT_PEM, annotations(new IssuerRef("stamp", "", ""), "app")), current, NOW);
    }

    /** A 90-day certificate whose renewal time (two thirds through) is {@code renewal}. */
    private static PolicyInput timed(Instant renewal) {
        Instant notAfter = renewal.plus(Duration.ofDays(30));
        String cert = Fixtures.certificate(KEY, NAMES, notAfter.minus(Duration.ofDays(90)), notAfter);
        return input(SPEC, secret(KEY_PEM, cert), CURRENT, NOW);
    }

    private static PolicyInput expiring(Instant notAfter) {
        String cert = Fixtures.certificate(KEY, NAMES, notAfter.minus(Duration.ofDays(90)), notAfter);
        return input(SPEC, secret(KEY_PEM, cert), CURRENT, NOW);
    }

    private static String expiredCertificate() {
        return Fixtures.certificate(KEY, NAMES, NOW.minus(Duration.ofDays(91)), NOW.minus(Duration.ofDays(1)));
    }
}
