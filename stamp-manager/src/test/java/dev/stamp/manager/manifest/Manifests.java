package dev.stamp.manager.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test manifests: a valid Certificate whose spec fields a test row overrides, and readers of one document. */
final class Manifests {
    static final ManifestReader READER = new ManifestReader("default");

    private Manifests() {
    }

    /**
     * A Certificate YAML: a valid base spec (secretName, issuerRef, dnsNames) with {@code overrides} applied, given as
     * {@code key: flow-yaml} lines separated by {@code |}; a value of {@code ~} (null) takes the field away.
     */
    static String certificate(String overrides) {
        Map<String, String> spec = new LinkedHashMap<>();
        spec.put("secretName", "app-tls");
        spec.put("issuerRef", "{name: ca}");
        spec.put("dnsNames", "[app.private.example.net]");
        if (!overrides.isBlank()) {
            for (String line : overrides.split("\\|")) {
                int colon = line.indexOf(':');
                spec.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        StringBuilder yaml = new StringBuilder("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: app\nspec:\n");
        spec.forEach((key, value) -> yaml.append("  ").append(key).append(": ").append(value).append('\n'));
        return yaml.toString();
    }

    static ManifestResult one(String yaml) {
        List<ManifestResult> results = READER.read(yaml);
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    static List<String> errors(ManifestResult result) {
        assertThat(result).isInstanceOf(ManifestResult.Invalid.class);
        return ((ManifestResult.Invalid) result).errors().stream().map(FieldError::message).toList();
    }
}
