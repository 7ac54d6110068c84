package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Issuer;

import java.util.List;

/**
 * The outcome of reading one YAML document: a resource with cert-manager's defaults applied, or the field errors that
 * kept it from being one. Each document has its own outcome, so a bad one never hides the others.
 */
public sealed interface ManifestResult {
    ManifestOrigin origin();

    record CertificateManifest(ManifestOrigin origin, Certificate certificate) implements ManifestResult {
    }

    record CertificateRequestManifest(ManifestOrigin origin, CertificateRequest request) implements ManifestResult {
    }

    record IssuerManifest(ManifestOrigin origin, Issuer issuer) implements ManifestResult {
    }

    /**
     * A document that is not a valid resource. {@code apiVersion}, {@code kind}, {@code namespace} and {@code name}
     * are what the document says (empty when it does not say), so the agent can report the error on the object it
     * was meant to be.
     */
    record Invalid(ManifestOrigin origin, String apiVersion, String kind, String namespace, String name,
                   List<FieldError> errors) implements ManifestResult {
        public Invalid {
            apiVersion = apiVersion == null ? "" : apiVersion;
            kind = kind == null ? "" : kind;
            namespace = namespace == null ? "" : namespace;
            name = name == null ? "" : name;
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid manifest needs at least one error (" + origin + ")");
            }
        }

        /** Each error prefixed with the file and document it is in, e.g. {@code certs.yaml document 2: spec.secretName: ...}. */
        public List<String> messages() {
            return errors.stream().map(e -> origin + ": " + e.message()).toList();
        }
    }
}
