package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.SecretKeySelector;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and validates the spec of every issuer kind: cert-manager's selfSigned and ca (its other types are refused as
 * not supported by Stamp), aws-privateca-issuer's AWSPCA kinds, and Stamp's own. Returns null when the spec has
 * errors, which are in the fields' error list.
 */
final class IssuerSpecReader {
    static final String DEFAULT_ACCESS_KEY_ID_KEY = "AWS_ACCESS_KEY_ID";
    static final String DEFAULT_SECRET_ACCESS_KEY_KEY = "AWS_SECRET_ACCESS_KEY";
    /** A CA's ARN, as Stamp's AWS-compatible API and AWS Private CA write it. */
    private static final Pattern CA_ARN = Pattern.compile(
            "arn:aws[a-z-]*:acm-pca:[a-z0-9-]+:\\d{12}:certificate-authority/[0-9a-fA-F-]{1,64}");
    private static final List<String> UNSUPPORTED_TYPES = List.of("acme", "vault", "venafi");

    private IssuerSpecReader() {
    }

    static IssuerConfig read(IssuerKind kind, Fields spec, String namespace) {
        if (!spec.present()) {
            spec.error(FieldError.required(spec.path(), "must be specified"));
            return null;
        }
        int before = spec.errors().size();
        IssuerConfig config = switch (kind) {
            case Issuer, ClusterIssuer -> certManager(spec);
            case AWSPCAIssuer, AWSPCAClusterIssuer -> awsPca(spec, kind.clusterScoped() ? "" : namespace);
            case StampIssuer, StampClusterIssuer -> stamp(spec);
        };
        spec.rejectUnknown();
        return spec.errors().size() == before ? config : null;
    }

    /** Exactly one issuer type, as cert-manager's ValidateIssuerConfig counts them (in its order). */
    private static IssuerConfig certManager(Fields spec) {
        IssuerConfig config = null;
        int types = 0;
        for (String type : List.of("acme", "ca", "selfSigned", "vault", "venafi")) {
            // "selfSigned:" with nothing after it is YAML null, yet clearly meant as an (empty) selfSigned issuer.
            if (!spec.has(type) && !(type.equals("selfSigned") && spec.rawFieldPresent(type))) {
                continue;
            }
            if (types++ > 0) {
                spec.error(FieldError.forbidden(spec.child(type), "may not specify more than one issuer type"));
                continue;
            }
            if (UNSUPPORTED_TYPES.contains(type)) {
                spec.error(FieldError.forbidden(spec.child(type), "the " + type
                        + " issuer type is not supported by Stamp; use selfSigned, ca, an AWSPCAIssuer or a StampIssuer"));
                continue;
            }
            Fields fields = spec.object(type);
            config = type.equals("ca") ? ca(fields) : new IssuerConfig.SelfSigned(fields.strings("crlDistributionPoints"));
            fields.rejectUnknown();
        }
        if (types == 0) {
            spec.error(FieldError.required(spec.path(), "at least one issuer must be configured"));
        }
        return config;
    }

    private static IssuerConfig.Ca ca(Fields ca) {
        String secretName = ca.text("secretName");
        if (secretName.isEmpty()) {
            ca.error(FieldError.required(ca.child("secretName"), ""));
        }
        List<String> ocspServers = ca.strings("ocspServers");
        for (int i = 0; i < ocspServers.size(); i++) {
            if (ocspServers.get(i).isEmpty()) {
                ca.error(FieldError.invalid(ca.child("ocspServer") + "[" + i + "]", "", "must be a valid URL, e.g., http://ocsp.int-x3.letsencrypt.org"));
            }
        }
        List<String> issuingCertificateUrls = ca.strings("issuingCertificateURLs");
        for (int i = 0; i < issuingCertificateUrls.size(); i++) {
            if (issuingCertificateUrls.get(i).isEmpty()) {
                ca.error(FieldError.invalid(ca.child("issuingCertificateURLs") + "[" + i + "]", "", "must be a valid URL"));
            }
        }
        return new IssuerConfig.Ca(secretName, ca.strings("crlDistributionPoints"), ocspServers, issuingCertificateUrls);
    }

    /** aws-privateca-issuer's spec; the region stays null when unset (AWS_REGION applies when the issuer is used). */
    private static IssuerConfig.AwsPca awsPca(Fields spec, String namespace) {
        String arn = spec.text("arn");
        if (arn.isEmpty()) {
            spec.error(FieldError.required(spec.child("arn"), "must be specified"));
        } else if (!CA_ARN.matcher(arn).matches()) {
            spec.error(FieldError.invalid(spec.child("arn"), arn,
                    "must be a certificate authority ARN, e.g. arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/<id>"));
        }
        String region = spec.string("region");
        Fields secretRef = spec.object("secretRef");
        IssuerConfig.AwsCredentialsRef credentials = null;
        if (secretRef.present()) {
            String name = secretRef.text("name");
            if (name.isEmpty()) {
                secretRef.error(FieldError.required(secretRef.child("name"), "must be specified"));
            }
            String secretNamespace = secretRef.string("namespace");
            credentials = new IssuerConfig.AwsCredentialsRef(name, secretNamespace == null ? namespace : secretNamespace,
                    selector(secretRef.object("accessKeyIDSelector"), name, DEFAULT_ACCESS_KEY_ID_KEY),
                    selector(secretRef.object("secretAccessKeySelector"), name, DEFAULT_SECRET_ACCESS_KEY_KEY));
            secretRef.rejectUnknown();
        }
        Fields template = spec.object("pcaTemplate");
        String templateName = template.string("defaultTemplateName");
        template.rejectUnknown();
        return new IssuerConfig.AwsPca(arn, region == null || region.isEmpty() ? null : region, credentials,
                emptyToNull(spec.string("role")), emptyToNull(templateName));
    }

    /** aws-privateca-issuer reads the keys from the secretRef's Secret; a selector only changes the key. */
    private static SecretKeySelector selector(Fields selector, String secretName, String defaultKey) {
        String name = selector.text("name");
        String key = selector.text("key");
        selector.rejectUnknown();
        return new SecretKeySelector(name.isEmpty() ? secretName : name, key.isEmpty() ? defaultKey : key);
    }

    private static IssuerConfig.Stamp stamp(Fields spec) {
        String url = spec.text("url");
        if (url.isEmpty()) {
            spec.error(FieldError.required(spec.child("url"), "must be specified"));
        } else if (!isHttpUrl(url)) {
            spec.error(FieldError.invalid(spec.child("url"), url, "must be an absolute https:// or http:// URL"));
        }
        String caId = spec.text("caId");
        if (caId.isEmpty()) {
            spec.error(FieldError.required(spec.child("caId"), "must be specified"));
        }
        String tokenFile = emptyToNull(spec.string("tokenFile"));
        Fields tokenRef = spec.object("tokenSecretRef");
        SecretKeySelector tokenSecretRef = null;
        if (tokenRef.present()) {
            tokenSecretRef = new SecretKeySelector(tokenRef.text("name"), tokenRef.text("key"));
            if (tokenSecretRef.name().isEmpty()) {
                tokenRef.error(FieldError.required(tokenRef.child("name"), "must be specified"));
            }
            if (tokenSecretRef.key().isEmpty()) {
                tokenRef.error(FieldError.required(tokenRef.child("key"), "must be specified"));
            }
            tokenRef.rejectUnknown();
        }
        if (tokenFile != null && tokenSecretRef != null) {
            spec.error(FieldError.forbidden(spec.child("tokenSecretRef"), "tokenFile and tokenSecretRef are mutually exclusive and cannot both be set"));
        } else if (tokenFile == null && tokenSecretRef == null) {
            spec.error(FieldError.required(spec.path(), "exactly one of tokenFile and tokenSecretRef must be set"));
        }
        String caBundle = emptyToNull(spec.string("caBundle"));
        if (caBundle != null && !isCertificateBundle(caBundle)) {
            spec.error(FieldError.invalid(spec.child("caBundle"), "<snip>", "must be one or more PEM-encoded X.509 certificates"));
        }
        return new IssuerConfig.Stamp(url, caId, tokenFile, tokenSecretRef, caBundle);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isCertificateBundle(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return false;
        }
        try {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
