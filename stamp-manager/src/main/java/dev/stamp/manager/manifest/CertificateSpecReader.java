package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.KeystorePassword;
import dev.stamp.manager.spec.Keystores;
import dev.stamp.manager.spec.NameConstraints;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.OutputFormat;
import dev.stamp.manager.spec.Pkcs12Profile;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.SecretKeySelector;
import dev.stamp.manager.spec.SecretTemplate;
import dev.stamp.manager.spec.SignatureAlgorithm;
import dev.stamp.manager.spec.Subject;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code Certificate.spec} into a {@link CertificateSpec} with cert-manager's defaults, reporting what cannot
 * be represented (wrong types, unknown enum values and usages, two password sources). A bad field reads as its
 * default so that {@link CertificateSpecRules} can still report every other error.
 */
final class CertificateSpecReader {
    private CertificateSpecReader() {
    }

    static CertificateSpec read(Fields spec) {
        if (!spec.present()) {
            spec.error(FieldError.required(spec.path(), "must be specified"));
        }
        if (spec.has("renewal")) {
            spec.error(FieldError.forbidden(spec.child("renewal"), "renewal windows and policies are not supported by Stamp"));
        }
        String secretName = spec.text("secretName");
        IssuerRef issuerRef = IssuerRefs.read(spec);
        Integer revisionHistoryLimit = spec.integer("revisionHistoryLimit");
        CertificateSpec read = new CertificateSpec(secretName, issuerRef, spec.string("commonName"),
                spec.string("literalSubject"), subject(spec.object("subject")), spec.strings("dnsNames"),
                spec.strings("ipAddresses"), spec.strings("uris"), spec.strings("emailAddresses"), otherNames(spec),
                orDefault(spec.duration("duration"), CertificateSpec.DEFAULT_DURATION), spec.duration("renewBefore"),
                spec.integer("renewBeforePercentage"), spec.bool("isCA", false), usages(spec),
                privateKey(spec.object("privateKey")), spec.oneOf("signatureAlgorithm", SignatureAlgorithm.values()),
                spec.bool("encodeUsagesInRequest", true), revisionHistoryLimit == null ? 1 : revisionHistoryLimit,
                secretTemplate(spec.object("secretTemplate")), keystores(spec.object("keystores")),
                outputFormats(spec), nameConstraints(spec.object("nameConstraints")));
        spec.rejectUnknown();
        return read;
    }

    /** Usages by their manifest names; an unknown name is cert-manager's {@code unknown keyusage}. */
    static List<KeyUsage> usages(Fields spec) {
        List<String> names = spec.strings("usages");
        List<KeyUsage> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int index = i;
            KeyUsage.fromManifestName(name).ifPresentOrElse(out::add,
                    () -> spec.error(FieldError.invalid(spec.child("usages") + "[" + index + "]", name, "unknown keyusage")));
        }
        return out.isEmpty() && names.isEmpty() ? CertificateSpec.DEFAULT_USAGES : out;
    }

    private static Subject subject(Fields subject) {
        Subject read = new Subject(subject.strings("organizations"), subject.strings("countries"),
                subject.strings("organizationalUnits"), subject.strings("localities"), subject.strings("provinces"),
                subject.strings("streetAddresses"), subject.strings("postalCodes"), subject.string("serialNumber"));
        subject.rejectUnknown();
        return read;
    }

    private static List<OtherName> otherNames(Fields spec) {
        List<OtherName> out = new ArrayList<>();
        for (Fields item : spec.objects("otherNames")) {
            out.add(new OtherName(item.text("oid"), item.text("utf8Value")));
            item.rejectUnknown();
        }
        return out;
    }

    private static PrivateKeySpec privateKey(Fields key) {
        PrivateKeyAlgorithm algorithm = orDefault(key.oneOf("algorithm", PrivateKeyAlgorithm.values()), PrivateKeyAlgorithm.RSA);
        Integer size = key.integer("size");
        int defaulted = size != null && size > 0 ? size : switch (algorithm) {
            case RSA -> 2048;
            case ECDSA -> 256;
            case Ed25519 -> 0;
        };
        PrivateKeySpec read = new PrivateKeySpec(algorithm, defaulted,
                orDefault(key.oneOf("encoding", PrivateKeyEncoding.values()), PrivateKeyEncoding.PKCS1),
                orDefault(key.oneOf("rotationPolicy", RotationPolicy.values()), RotationPolicy.Always));
        key.rejectUnknown();
        return read;
    }

    private static SecretTemplate secretTemplate(Fields template) {
        SecretTemplate read = new SecretTemplate(template.stringMap("annotations"), template.stringMap("labels"));
        template.rejectUnknown();
        return read;
    }

    private static Keystores keystores(Fields keystores) {
        if (!keystores.present()) {
            return Keystores.NONE;
        }
        Fields jks = keystores.object("jks");
        Fields pkcs12 = keystores.object("pkcs12");
        Keystores read = new Keystores(
                jks.present() ? new Keystores.Jks(jks.bool("create", false), orDefault(jks.string("alias"), "certificate"),
                        password(jks, "JKS")) : null,
                pkcs12.present() ? new Keystores.Pkcs12(pkcs12.bool("create", false),
                        orDefault(pkcs12.oneOf("profile", Pkcs12Profile.values()), Pkcs12Profile.LegacyRC2),
                        password(pkcs12, "PKCS#12")) : null);
        jks.rejectUnknown();
        pkcs12.rejectUnknown();
        keystores.rejectUnknown();
        return read;
    }

    /** Exactly one non-empty source: cert-manager's messages, in its words. */
    private static KeystorePassword password(Fields store, String label) {
        Fields ref = store.object("passwordSecretRef");
        String refName = ref.text("name");
        String refKey = ref.text("key");
        ref.rejectUnknown();
        String literal = store.string("password");
        if (literal != null && !refName.isEmpty()) {
            store.error(FieldError.forbidden(store.path(),
                    "exactly one of passwordSecretRef and password must be provided for " + label + " keystores; cannot set both"));
            return null;
        }
        if (literal == null && refName.isEmpty()) {
            store.error(FieldError.forbidden(store.path(),
                    "must set exactly one of passwordSecretRef and password must for " + label + " keystores"));
            return null;
        }
        if (literal != null) {
            return new KeystorePassword.Literal(literal);
        }
        return new KeystorePassword.FromSecret(new SecretKeySelector(refName, refKey));
    }

    private static List<OutputFormat> outputFormats(Fields spec) {
        List<OutputFormat> out = new ArrayList<>();
        for (Fields item : spec.objects("additionalOutputFormats")) {
            OutputFormat format = item.oneOf("type", OutputFormat.values());
            if (format != null) {
                out.add(format);
            } else if (!item.has("type")) {
                item.error(FieldError.required(item.child("type"), ""));
            }
            item.rejectUnknown();
        }
        return out;
    }

    private static NameConstraints nameConstraints(Fields constraints) {
        if (!constraints.present()) {
            return null;
        }
        NameConstraints read = new NameConstraints(constraints.bool("critical", false),
                items(constraints.object("permitted")), items(constraints.object("excluded")));
        constraints.rejectUnknown();
        return read;
    }

    private static NameConstraints.Items items(Fields items) {
        if (!items.present()) {
            return null;
        }
        List<String> ipRanges = items.strings("ipRanges");
        for (int i = 0; i < ipRanges.size(); i++) {
            if (!IpLiteral.isCidr(ipRanges.get(i))) {
                items.error(FieldError.invalid(items.child("ipRanges") + "[" + i + "]", ipRanges.get(i), "invalid CIDR address"));
            }
        }
        NameConstraints.Items read = new NameConstraints.Items(items.strings("dnsDomains"), ipRanges,
                items.strings("emailAddresses"), items.strings("uriDomains"));
        items.rejectUnknown();
        return read;
    }

    private static <T> T orDefault(T value, T absent) {
        return value == null ? absent : value;
    }
}
