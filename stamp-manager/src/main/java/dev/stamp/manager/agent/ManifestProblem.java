package dev.stamp.manager.agent;

import java.util.List;
import java.util.Objects;

/**
 * A manifest the agent could not use: where it is, what it says it is (kind, namespace, name; empty when it does not
 * say) and cert-manager's validation messages.
 */
public record ManifestProblem(String origin, String kind, String namespace, String name, List<String> messages) {
    public ManifestProblem {
        Objects.requireNonNull(origin, "origin");
        kind = kind == null ? "" : kind;
        namespace = namespace == null ? "" : namespace;
        name = name == null ? "" : name;
        messages = List.copyOf(messages);
    }
}
