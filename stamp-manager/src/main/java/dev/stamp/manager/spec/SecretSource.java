package dev.stamp.manager.spec;

import java.util.Optional;

/** Reads Secrets by namespace and name: Kubernetes, or the standalone agent's output and secret directories. */
@FunctionalInterface
public interface SecretSource {
    Optional<Secret> get(String namespace, String name);
}
