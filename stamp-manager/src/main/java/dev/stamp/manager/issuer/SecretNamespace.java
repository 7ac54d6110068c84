package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.Issuer;

import java.util.Objects;

/**
 * Where an issuer's Secrets live (cert-manager's external issuer rule 8): a namespaced issuer reads its own
 * namespace; a cluster-scoped one reads the cluster resource namespace the operator configured, never a namespace
 * taken from the spec.
 */
record SecretNamespace(String clusterResourceNamespace) {
    SecretNamespace {
        Objects.requireNonNull(clusterResourceNamespace, "clusterResourceNamespace");
        if (clusterResourceNamespace.isBlank()) throw new IllegalArgumentException("the cluster resource namespace is empty");
    }

    String of(Issuer issuer) {
        return issuer.kind().clusterScoped() ? clusterResourceNamespace : issuer.metadata().namespace();
    }
}
