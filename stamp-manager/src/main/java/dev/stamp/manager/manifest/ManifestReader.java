package dev.stamp.manager.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.IssuerKind;
import dev.stamp.manager.spec.ObjectMeta;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads cert-manager manifests: YAML text with one or more documents separated by {@code ---}, each a
 * {@code cert-manager.io/v1} Certificate, CertificateRequest, Issuer or ClusterIssuer, an
 * {@code awspca.cert-manager.io/v1beta1} AWSPCAIssuer or AWSPCAClusterIssuer, or a {@code stamp.dev/v1alpha1}
 * StampIssuer or StampClusterIssuer. Each document gets its own {@link ManifestResult}: the resource with
 * cert-manager's defaults applied, or every field error found, in Kubernetes' wording. Namespaced resources without
 * {@code metadata.namespace} get the reader's default namespace. Immutable and thread-safe.
 */
public final class ManifestReader {
    private static final String SUPPORTED = "Stamp reads cert-manager.io/v1 Certificate, CertificateRequest, Issuer, "
            + "ClusterIssuer; awspca.cert-manager.io/v1beta1 AWSPCAIssuer, AWSPCAClusterIssuer; stamp.dev/v1alpha1 "
            + "StampIssuer, StampClusterIssuer";
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String defaultNamespace;

    /** @param defaultNamespace the namespace of namespaced resources that name none (a DNS-1123 label, e.g. "default") */
    public ManifestReader(String defaultNamespace) {
        if (defaultNamespace == null || !Dns1123.labelErrors(defaultNamespace).isEmpty()) {
            throw new IllegalArgumentException("default namespace must be a DNS-1123 label, was "
                    + (defaultNamespace == null ? "null" : GoQuote.quote(defaultNamespace)));
        }
        this.defaultNamespace = defaultNamespace;
    }

    /** Reads every document of {@code yaml}; {@code file} names the source in the results (null for none). */
    public List<ManifestResult> read(String yaml, String file) {
        List<ManifestResult> results = new ArrayList<>();
        int document = 0;
        // One tree per YAML document, read from the token stream: a document that is a list stays one (bad) document.
        try (JsonParser documents = YAML.createParser(yaml)) {
            while (documents.nextToken() != null) {
                JsonNode node = YAML.readTree(documents);
                document++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                results.add(readDocument(node, new ManifestOrigin(file, document)));
            }
        } catch (JsonProcessingException e) {
            // A syntax error ends the stream: the documents before it stand, the rest cannot be told apart.
            results.add(new ManifestResult.Invalid(new ManifestOrigin(file, document + 1), "", "", "", "",
                    List.of(FieldError.invalidOmitted("<yaml>", "YAML syntax error: " + e.getOriginalMessage()
                            + Optional.ofNullable(e.getLocation()).map(l -> " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")").orElse("")))));
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string cannot fail on I/O", e);
        }
        return results;
    }

    /** Reads text without a file name. */
    public List<ManifestResult> read(String yaml) {
        return read(yaml, null);
    }

    private ManifestResult readDocument(JsonNode node, ManifestOrigin origin) {
        if (!node.isObject()) {
            return new ManifestResult.Invalid(origin, "", "", "", "", List.of(Fields.typeError("<document>", node, "object")));
        }
        List<FieldError> errors = new ArrayList<>();
        Fields root = Fields.of(node, "", errors);
        String apiVersion = root.text("apiVersion");
        String kind = root.text("kind");
        Fields metadata = root.object("metadata");
        String name = metadata.text("name");
        Optional<Kind> known = Kind.of(apiVersion, kind);
        String namespace = known.map(k -> k.clusterScoped ? "" : namespace(metadata)).orElse(metadata.text("namespace"));
        if (errors.isEmpty()) {
            if (apiVersion.isEmpty()) {
                errors.add(FieldError.required("apiVersion", "must be specified"));
            }
            if (kind.isEmpty()) {
                errors.add(FieldError.required("kind", "must be specified"));
            }
            if (!apiVersion.isEmpty() && !kind.isEmpty() && known.isEmpty()) {
                errors.add(FieldError.invalid("kind", kind, "no matches for kind " + GoQuote.quote(kind)
                        + " in version " + GoQuote.quote(apiVersion) + "; " + SUPPORTED));
            }
        }
        if (known.isEmpty() || !errors.isEmpty()) {
            return new ManifestResult.Invalid(origin, apiVersion, kind, namespace, name, errors);
        }
        ObjectMeta meta = meta(metadata, name, namespace);
        Fields spec = root.object("spec");
        root.ignore("status");
        ManifestResult result = switch (known.get().kind) {
            case Kind.CERTIFICATE -> {
                CertificateSpec certificate = CertificateSpecReader.read(spec);
                errors.addAll(CertificateSpecRules.validate(certificate, "spec"));
                yield new ManifestResult.CertificateManifest(origin, new Certificate(meta, certificate));
            }
            case Kind.CERTIFICATE_REQUEST -> {
                CertificateRequestSpec request = CertificateRequestSpecReader.read(spec);
                yield new ManifestResult.CertificateRequestManifest(origin, new CertificateRequest(meta, request));
            }
            default -> {
                IssuerKind issuerKind = IssuerKind.valueOf(known.get().kind);
                IssuerConfig config = IssuerSpecReader.read(issuerKind, spec, namespace);
                yield config == null ? null : new ManifestResult.IssuerManifest(origin, new Issuer(issuerKind, meta, config));
            }
        };
        root.rejectUnknown();
        if (!errors.isEmpty() || result == null) {
            return new ManifestResult.Invalid(origin, apiVersion, kind, namespace, name, distinct(errors));
        }
        return result;
    }

    private String namespace(Fields metadata) {
        String namespace = metadata.string("namespace");
        if (namespace == null || namespace.isEmpty()) {
            return defaultNamespace;
        }
        for (String problem : Dns1123.labelErrors(namespace)) {
            metadata.error(FieldError.invalid(metadata.child("namespace"), namespace, problem));
        }
        return namespace;
    }

    private static ObjectMeta meta(Fields metadata, String name, String namespace) {
        if (name.isEmpty()) {
            metadata.error(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            for (String problem : Dns1123.subdomainErrors(name)) {
                metadata.error(FieldError.invalid("metadata.name", name, problem));
            }
        }
        Map<String, String> labels = metadata.stringMap("labels");
        Labels.validate(labels, "metadata.labels").forEach(metadata::error);
        Map<String, String> annotations = metadata.stringMap("annotations");
        return new ObjectMeta(name, namespace, labels, annotations);
    }

    /** Kubernetes reports an identical message once. */
    private static List<FieldError> distinct(List<FieldError> errors) {
        return errors.stream().collect(Collectors.toMap(FieldError::message, e -> e, (a, b) -> a,
                java.util.LinkedHashMap::new)).values().stream().toList();
    }

    /** The kinds this reader knows, by apiVersion and kind. */
    private record Kind(String apiVersion, String kind, boolean clusterScoped) {
        static final String CERTIFICATE = Certificate.KIND;
        static final String CERTIFICATE_REQUEST = CertificateRequest.KIND;
        static final List<Kind> ALL = known();

        static Optional<Kind> of(String apiVersion, String kind) {
            return ALL.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
        }

        private static List<Kind> known() {
            List<Kind> kinds = new ArrayList<>(List.of(new Kind(Certificate.API_VERSION, CERTIFICATE, false),
                    new Kind(Certificate.API_VERSION, CERTIFICATE_REQUEST, false)));
            Arrays.stream(IssuerKind.values()).map(k -> new Kind(k.apiVersion(), k.name(), k.clusterScoped())).forEach(kinds::add);
            return List.copyOf(new LinkedHashSet<>(kinds));
        }
    }
}
