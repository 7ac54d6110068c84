package dev.stamp.manager.policy;

import dev.stamp.manager.manifest.GoQuote;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cert-manager's policy checks ({@code internal/controller/certificates/policies/checks.go}) with its reasons and
 * messages. Each check after {@link #SECRET_DOES_NOT_EXIST} and {@link #SECRET_IS_MISSING_DATA} assumes they passed:
 * it passes when there is no Secret to look at.
 */
enum Checks implements PolicyCheck {
    SECRET_DOES_NOT_EXIST {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            return input.secret().isPresent() ? Optional.empty()
                    : violation(Reason.DoesNotExist, "Issuing certificate as Secret does not exist");
        }
    },
    SECRET_IS_MISSING_DATA {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            Map<String, byte[]> data = input.secret().get().data();
            if (data.isEmpty()) return violation(Reason.MissingData, "Issuing certificate as Secret does not contain any data");
            if (empty(data.get(Secret.TLS_KEY))) {
                return violation(Reason.MissingData, "Issuing certificate as Secret does not contain a private key");
            }
            if (empty(data.get(Secret.TLS_CRT))) {
                return violation(Reason.MissingData, "Issuing certificate as Secret does not contain a certificate");
            }
            return Optional.empty();
        }
    },
    SECRET_PUBLIC_KEYS_DIFFER {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            Decoded<AsymmetricKeyParameter> secretKey = secretKey(input);
            if (secretKey.failure().isPresent()) return secretKey.failure();
            AsymmetricKeyParameter key = secretKey.value();
            Decoded<X509CertificateHolder> leaf = leafOf(input);
            if (leaf.failure().isPresent()) return leaf.failure();
            X509CertificateHolder cert = leaf.value();
            try {
                if (!KeyMaterial.publicKeysEqual(KeyMaterial.publicKey(cert.getSubjectPublicKeyInfo()), KeyMaterial.publicOf(key))) {
                    return violation(Reason.InvalidKeyPair,
                            "Issuing certificate as Secret contains a private key that does not match the certificate");
                }
            } catch (DecodeException e) {
                return violation(Reason.InvalidKeyPair, "Secret contains an invalid key-pair: " + e.getMessage());
            }
            return Optional.empty();
        }
    },
    SECRET_ISSUER_ANNOTATIONS_MISMATCH {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            Map<String, String> annotations = input.secret().get().metadata().annotations();
            String name = annotations.get(ISSUER_NAME);
            String kind = annotations.get(ISSUER_KIND);
            String group = annotations.get(ISSUER_GROUP);
            // Only a Secret carrying the annotations says who issued it. (cert-manager's Go expression also compares
            // kind and group when none is present, an operator-precedence slip we do not copy.)
            if (name == null && kind == null && group == null) return Optional.empty();
            IssuerRef ref = input.certificate().spec().issuerRef();
            IssuerRef previous = new IssuerRef(orEmpty(name), orEmpty(kind), orEmpty(group));
            if (RequestMatch.issuerRefsEqual(previous, ref)) return Optional.empty();
            String formatted = RequestMatch.orDefault(previous.kind(), "Issuer") + "."
                    + RequestMatch.orDefault(previous.group(), IssuerRef.CERT_MANAGER_GROUP) + "/" + previous.name();
            return violation(Reason.IncorrectIssuer, "Issuing certificate as Secret was previously issued by " + GoQuote.quote(formatted));
        }
    },
    SECRET_CERTIFICATE_NAME_ANNOTATION_MISMATCH {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            String name = input.secret().get().metadata().annotations().get(CertificateRequest.CERTIFICATE_NAME_ANNOTATION);
            if (name == null || name.equals(input.certificate().metadata().name())) return Optional.empty();
            return violation(Reason.IncorrectCertificate, "Secret was issued for " + GoQuote.quote(name)
                    + ". If this message is not transient, you might have two conflicting Certificates pointing to the same secret.");
        }
    },
    SECRET_PRIVATE_KEY_MISMATCHES_SPEC {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            Decoded<AsymmetricKeyParameter> secretKey = secretKey(input);
            if (secretKey.failure().isPresent()) return secretKey.failure();
            AsymmetricKeyParameter key = secretKey.value();
            List<String> violations = KeyMaterial.privateKeyViolations(key, input.certificate().spec().privateKey());
            return violations.isEmpty() ? Optional.empty()
                    : violation(Reason.SecretMismatch, "Existing private key is not up to date for spec: " + GoText.list(violations));
        }
    },
    SECRET_PUBLIC_KEY_DIFFERS_FROM_CURRENT_REQUEST {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty() || input.currentRequest().isEmpty()) return Optional.empty();
            Decoded<AsymmetricKeyParameter> secretKey = secretKey(input);
            if (secretKey.failure().isPresent()) return secretKey.failure();
            AsymmetricKeyParameter key = secretKey.value();
            AsymmetricKeyParameter requested;
            try {
                requested = KeyMaterial.publicKey(Pems.csr(input.currentRequest().get().spec().request()).getSubjectPublicKeyInfo());
            } catch (DecodeException e) {
                return violation(Reason.InvalidCertificateRequest, "Failed to decode current CertificateRequest: " + e.getMessage());
            }
            try {
                if (!KeyMaterial.publicKeysEqual(requested, KeyMaterial.publicOf(key))) {
                    return violation(Reason.SecretMismatch, "Secret contains a private key that does not match the current CertificateRequest");
                }
            } catch (DecodeException e) {
                return invalidKey(e);
            }
            return Optional.empty();
        }
    },
    CURRENT_REQUEST_MISMATCHES_SPEC {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            if (input.currentRequest().isEmpty()) {
                // The request that issued the Secret is gone: compare the certificate itself, loosely, since issuers
                // may move or override fields.
                X509CertificateHolder cert;
                try {
                    cert = input.secretLeaf();
                } catch (DecodeException e) {
                    return invalidCertificate(e);
                }
                List<String> violations;
                try {
                    violations = RequestMatch.fuzzyCertificateViolations(cert, input.certificate().spec());
                } catch (DecodeException e) {
                    return invalidCertificate(e);
                }
                return violations.isEmpty() ? Optional.empty() : violation(Reason.SecretMismatch,
                        "Issuing certificate as Existing issued Secret is not up to date for spec: " + GoText.list(violations));
            }
            List<String> violations;
            try {
                violations = RequestMatch.violations(input.currentRequest().get(), input.certificate().spec());
            } catch (DecodeException e) {
                // An undecodable request does not by itself make the stored certificate stale.
                return Optional.empty();
            }
            return violations.isEmpty() ? Optional.empty() : violation(Reason.RequestChanged,
                    "Fields on existing CertificateRequest resource not up to date: " + GoText.list(violations));
        }
    },
    CURRENT_CERTIFICATE_NEARING_EXPIRY {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            Decoded<X509CertificateHolder> leaf = leafOf(input);
            if (leaf.failure().isPresent()) return leaf.failure();
            X509CertificateHolder cert = leaf.value();
            Instant renewal = RenewalTime.of(cert, input.certificate().spec());
            if (renewal.isAfter(input.now())) return Optional.empty();
            return violation(Reason.Renewing, "Renewing certificate as renewal was scheduled at " + GoText.time(renewal));
        }
    },
    CURRENT_CERTIFICATE_HAS_EXPIRED {
        @Override
        public Optional<Violation> check(PolicyInput input) {
            if (input.secret().isEmpty()) return Optional.empty();
            Decoded<X509CertificateHolder> leaf = leafOf(input);
            if (leaf.failure().isPresent()) return leaf.failure();
            X509CertificateHolder cert = leaf.value();
            Instant notAfter = cert.getNotAfter().toInstant();
            if (!input.now().isAfter(notAfter)) return Optional.empty();
            return violation(Reason.Expired, "Certificate expired on " + GoText.rfc1123(notAfter));
        }
    };

    static final String ISSUER_NAME = Secret.ISSUER_NAME_ANNOTATION;
    static final String ISSUER_KIND = Secret.ISSUER_KIND_ANNOTATION;
    static final String ISSUER_GROUP = Secret.ISSUER_GROUP_ANNOTATION;

    static X509CertificateHolder leaf(Secret secret) {
        byte[] crt = secret.data().get(Secret.TLS_CRT);
        if (empty(crt)) throw new DecodeException("error decoding certificate PEM block: tls.crt is empty");
        return Pems.leafCertificate(crt);
    }

    /** A value read from the Secret, or the violation its undecodable data is. */
    private record Decoded<T>(T value, Optional<Violation> failure) {}

    private static Decoded<AsymmetricKeyParameter> secretKey(PolicyInput input) {
        try {
            return new Decoded<>(input.secretKey(), Optional.empty());
        } catch (DecodeException e) {
            return new Decoded<>(null, invalidKey(e));
        }
    }

    private static Decoded<X509CertificateHolder> leafOf(PolicyInput input) {
        try {
            return new Decoded<>(input.secretLeaf(), Optional.empty());
        } catch (DecodeException e) {
            return new Decoded<>(null, invalidCertificate(e));
        }
    }

    private static Optional<Violation> violation(Reason reason, String message) {
        return Optional.of(new Violation(reason, message));
    }

    private static Optional<Violation> invalidKey(DecodeException e) {
        return violation(Reason.InvalidKeyPair, "Issuing certificate as Secret contains invalid private key data: " + e.getMessage());
    }

    private static Optional<Violation> invalidCertificate(DecodeException e) {
        return violation(Reason.InvalidCertificate, "Issuing certificate as Secret contains an invalid certificate: " + e.getMessage());
    }

    private static boolean empty(byte[] bytes) {
        return bytes == null || bytes.length == 0;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
