package dev.stamp.manager.spec;

import java.util.Map;
import java.util.Objects;

/** The parts of Kubernetes object metadata the manager reads. {@code namespace} is empty for cluster-scoped kinds. */
public record ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {
    public ObjectMeta {
        Objects.requireNonNull(name, "name");
        namespace = namespace == null ? "" : namespace;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }

    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(name, namespace, Map.of(), Map.of());
    }
}
