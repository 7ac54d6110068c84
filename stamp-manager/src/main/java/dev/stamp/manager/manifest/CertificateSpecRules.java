package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.KeystorePassword;
import dev.stamp.manager.spec.Keystores;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.OutputFormat;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.SignatureAlgorithm;
import dev.stamp.manager.spec.Subject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * cert-manager's webhook validation of a Certificate spec ({@code ValidateCertificateSpec}), rule by rule with its
 * messages, over a spec whose defaults are applied. Pure and stateless.
 */
final class CertificateSpecRules {
    static final String ALLOW_DIRECT_INJECTION = "cert-manager.io/allow-direct-injection";
    private static final int MAX_COMMON_NAME_BYTES = 64;
    private static final int MIN_RSA_SIZE = 2048;
    private static final int MAX_RSA_SIZE = 8192;
    private static final Map<PrivateKeyAlgorithm, List<SignatureAlgorithm>> SIGNATURE_ALGORITHMS = Map.of(
            PrivateKeyAlgorithm.RSA, List.of(SignatureAlgorithm.SHA256WithRSA, SignatureAlgorithm.SHA384WithRSA, SignatureAlgorithm.SHA512WithRSA),
            PrivateKeyAlgorithm.ECDSA, List.of(SignatureAlgorithm.ECDSAWithSHA256, SignatureAlgorithm.ECDSAWithSHA384, SignatureAlgorithm.ECDSAWithSHA512),
            PrivateKeyAlgorithm.Ed25519, List.of(SignatureAlgorithm.PureEd25519));

    private CertificateSpecRules() {
    }

    /** Every rule the spec breaks, with {@code path} (normally "spec") as the prefix of each field. */
    static List<FieldError> validate(CertificateSpec spec, String path) {
        List<FieldError> errors = new ArrayList<>();
        secretName(spec.secretName(), path + ".secretName", errors);
        String commonName = spec.commonName();
        if (!spec.literalSubject().isEmpty()) {
            if (!spec.commonName().isEmpty()) {
                errors.add(FieldError.invalid(path + ".commonName", spec.commonName(), "When providing a `LiteralSubject` no `commonName` may be provided."));
            }
            if (!spec.subject().equals(Subject.EMPTY)) {
                errors.add(FieldError.invalidOmitted(path + ".subject", "When providing a `LiteralSubject` no `Subject` properties may be provided."));
            }
            try {
                commonName = LiteralSubject.parse(spec.literalSubject()).commonName().orElse("");
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.invalid(path + ".literalSubject", spec.literalSubject(), e.getMessage()));
            }
        }
        if (commonName.isEmpty() && spec.dnsNames().isEmpty() && spec.uris().isEmpty() && spec.emailAddresses().isEmpty()
                && spec.ipAddresses().isEmpty() && spec.otherNames().isEmpty()) {
            errors.add(FieldError.invalid(path, "", "at least one of commonName (from the commonName field or from a "
                    + "literalSubject), dnsNames, emailSANs, ipAddresses, otherNames, or uriSANs must be set"));
        }
        if (commonName.getBytes(StandardCharsets.UTF_8).length > MAX_COMMON_NAME_BYTES) {
            errors.add(FieldError.tooLong(path + ".commonName", MAX_COMMON_NAME_BYTES));
        }
        for (int i = 0; i < spec.ipAddresses().size(); i++) {
            if (IpLiteral.parse(spec.ipAddresses().get(i)).isEmpty()) {
                errors.add(FieldError.invalid(path + ".ipAddresses[" + i + "]", spec.ipAddresses().get(i), "invalid IP address"));
            }
        }
        for (int i = 0; i < spec.emailAddresses().size(); i++) {
            String email = spec.emailAddresses().get(i);
            int index = i;
            MailAddress.problem(email).ifPresent(p -> errors.add(FieldError.invalid(path + ".emailAddresses[" + index + "]", email, p)));
        }
        otherNames(spec.otherNames(), path + ".otherNames", errors);
        privateKey(spec, path, errors);
        durations(spec, path, errors);
        if (spec.revisionHistoryLimit() < 1) {
            errors.add(FieldError.invalid(path + ".revisionHistoryLimit", spec.revisionHistoryLimit(), "must not be less than 1"));
        }
        errors.addAll(Labels.validate(spec.secretTemplate().labels(), path + ".secretTemplate.labels"));
        for (String annotation : spec.secretTemplate().annotations().keySet().stream().sorted().toList()) {
            if (annotation.startsWith("cert-manager.io/") && !annotation.equals(ALLOW_DIRECT_INJECTION)) {
                errors.add(FieldError.invalid(path + ".secretTemplate.annotations", annotation, "cert-manager.io/* annotations are not allowed"));
            }
        }
        if (spec.nameConstraints() != null) {
            if (!spec.isCA()) {
                errors.add(FieldError.invalidOmitted(path + ".nameConstraints", "isCa should be true when nameConstraints is set"));
            }
            if (spec.nameConstraints().permitted() == null && spec.nameConstraints().excluded() == null) {
                errors.add(FieldError.invalidOmitted(path + ".nameConstraints", "either permitted or excluded must be set"));
            }
        }
        Set<OutputFormat> formats = EnumSet.noneOf(OutputFormat.class);
        for (OutputFormat format : spec.additionalOutputFormats()) {
            if (!formats.add(format)) {
                errors.add(FieldError.duplicate(path + ".additionalOutputFormats[type]", format.name()));
            }
        }
        keystores(spec.keystores(), path + ".keystores", errors);
        return errors;
    }

    static void secretName(String secretName, String path, List<FieldError> errors) {
        if (secretName.isEmpty()) {
            errors.add(FieldError.required(path, "must be specified"));
            return;
        }
        for (String problem : Dns1123.subdomainErrors(secretName)) {
            errors.add(FieldError.invalid(path, secretName, problem));
        }
    }

    private static void otherNames(List<OtherName> otherNames, String path, List<FieldError> errors) {
        for (int i = 0; i < otherNames.size(); i++) {
            OtherName name = otherNames.get(i);
            String item = path + "[" + i + "]";
            if (name.oid().isEmpty()) {
                errors.add(FieldError.required(item + ".oid", "must be specified"));
            } else if (!ObjectIdentifiers.isValid(name.oid())) {
                errors.add(FieldError.invalid(item + ".oid", name.oid(), "invalid oid syntax"));
            }
            if (name.utf8Value().isEmpty()) {
                errors.add(FieldError.required(item + ".utf8Value", "must be set to a valid non-empty UTF8 string"));
            }
        }
    }

    private static void privateKey(CertificateSpec spec, String path, List<FieldError> errors) {
        int size = spec.privateKey().size();
        switch (spec.privateKey().algorithm()) {
            case RSA -> {
                if (size < MIN_RSA_SIZE || size > MAX_RSA_SIZE) {
                    errors.add(FieldError.invalid(path + ".privateKey.size", size,
                            "must be between " + MIN_RSA_SIZE + " and " + MAX_RSA_SIZE + " for rsa keyAlgorithm"));
                }
            }
            case ECDSA -> {
                if (size != 256 && size != 384 && size != 521) {
                    errors.add(FieldError.notSupported(path + ".privateKey.size", size, List.of("256", "384", "521")));
                }
            }
            case Ed25519 -> {
                // The size is ignored: Ed25519 keys have one size.
            }
        }
        SignatureAlgorithm signature = spec.signatureAlgorithm();
        List<SignatureAlgorithm> allowed = SIGNATURE_ALGORITHMS.get(spec.privateKey().algorithm());
        if (signature != null && !allowed.contains(signature)) {
            errors.add(FieldError.invalid(path + ".signatureAlgorithm", signature.name(), "for key algorithm "
                    + spec.privateKey().algorithm() + " the allowed signature algorithms are "
                    + allowed.stream().map(Enum::name).toList().toString().replace(",", "")));
        }
    }

    /** cert-manager's ValidateDuration, including its reading of renewBeforePercentage as duration*(100-pct)/100. */
    private static void durations(CertificateSpec spec, String path, List<FieldError> errors) {
        Duration duration = spec.duration();
        Duration renewBefore = spec.renewBefore();
        Integer percentage = spec.renewBeforePercentage();
        if (duration.compareTo(CertificateSpec.MINIMUM_DURATION) < 0) {
            errors.add(FieldError.invalid(path + ".duration", duration,
                    "certificate duration must be greater than " + GoDuration.format(CertificateSpec.MINIMUM_DURATION)));
        }
        if (renewBefore != null && percentage != null) {
            String detail = "renewBefore and renewBeforePercentage are mutually exclusive and cannot both be set";
            errors.add(FieldError.invalid(path + ".renewBefore", renewBefore, detail));
            errors.add(FieldError.invalid(path + ".renewBeforePercentage", percentage, detail));
        }
        if (renewBefore != null && renewBefore.compareTo(CertificateSpec.MINIMUM_RENEW_BEFORE) < 0) {
            errors.add(FieldError.invalid(path + ".renewBefore", renewBefore,
                    "certificate renewBefore must be greater than " + GoDuration.format(CertificateSpec.MINIMUM_RENEW_BEFORE)));
        }
        if (renewBefore != null && renewBefore.compareTo(duration) >= 0) {
            errors.add(FieldError.invalid(path + ".renewBefore", renewBefore, "certificate duration "
                    + GoDuration.format(duration) + " must be greater than renewBefore " + GoDuration.format(renewBefore)));
        }
        if (percentage != null) {
            Duration effective = Duration.ofNanos(BigInteger.valueOf(duration.toNanos())
                    .multiply(BigInteger.valueOf(100L - percentage)).divide(BigInteger.valueOf(100)).longValueExact());
            if (effective.compareTo(CertificateSpec.MINIMUM_RENEW_BEFORE) < 0) {
                errors.add(FieldError.invalid(path + ".renewBeforePercentage", percentage,
                        "certificate renewBeforePercentage must result in a renewBefore greater than "
                                + GoDuration.format(CertificateSpec.MINIMUM_RENEW_BEFORE)));
            }
            if (effective.compareTo(duration) >= 0) {
                errors.add(FieldError.invalid(path + ".renewBeforePercentage", percentage,
                        "certificate renewBeforePercentage must result in a renewBefore less than duration"));
            }
        }
    }

    /** Two password sources or none are reported while reading (a record cannot hold them); emptiness is checked here. */
    private static void keystores(Keystores keystores, String path, List<FieldError> errors) {
        if (keystores.jks() != null) {
            password(keystores.jks().password(), path + ".jks", "JKS", errors);
        }
        if (keystores.pkcs12() != null) {
            password(keystores.pkcs12().password(), path + ".pkcs12", "PKCS#12", errors);
        }
    }

    private static void password(KeystorePassword password, String path, String label, List<FieldError> errors) {
        switch (password) {
            case null -> {
            }
            case KeystorePassword.Literal literal when literal.password().isEmpty() ->
                    errors.add(FieldError.forbidden(path + ".password", "literal password cannot be empty if set on " + label + " keystores"));
            case KeystorePassword.FromSecret fromSecret when fromSecret.passwordSecretRef() == null
                    || fromSecret.passwordSecretRef().name().isEmpty() ->
                    errors.add(FieldError.forbidden(path, "must set exactly one of passwordSecretRef and password must for " + label + " keystores"));
            default -> {
            }
        }
    }
}
