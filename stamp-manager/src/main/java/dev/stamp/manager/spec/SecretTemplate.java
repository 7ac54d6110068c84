package dev.stamp.manager.spec;

import java.util.Map;

/** {@code spec.secretTemplate}: annotations and labels copied to the written Secret. */
public record SecretTemplate(Map<String, String> annotations, Map<String, String> labels) {
    public static final SecretTemplate EMPTY = new SecretTemplate(Map.of(), Map.of());

    public SecretTemplate {
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
