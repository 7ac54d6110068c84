package dev.stamp.manager.spec;

import java.util.Optional;

/** The issuer kinds the manager understands, with the API group and version their manifests carry. */
public enum IssuerKind {
    Issuer("cert-manager.io", "v1", false),
    ClusterIssuer("cert-manager.io", "v1", true),
    AWSPCAIssuer("awspca.cert-manager.io", "v1beta1", false),
    AWSPCAClusterIssuer("awspca.cert-manager.io", "v1beta1", true),
    StampIssuer("stamp.dev", "v1alpha1", false),
    StampClusterIssuer("stamp.dev", "v1alpha1", true);

    private final String group;
    private final String version;
    private final boolean clusterScoped;

    IssuerKind(String group, String version, boolean clusterScoped) {
        this.group = group;
        this.version = version;
        this.clusterScoped = clusterScoped;
    }

    public String group() {
        return group;
    }

    public String apiVersion() {
        return group + "/" + version;
    }

    public boolean clusterScoped() {
        return clusterScoped;
    }

    /** The kind an {@code issuerRef} with this (defaulted) kind and group names. */
    public static Optional<IssuerKind> of(String group, String kind) {
        for (IssuerKind k : values()) {
            if (k.group.equals(group) && k.name().equals(kind)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
