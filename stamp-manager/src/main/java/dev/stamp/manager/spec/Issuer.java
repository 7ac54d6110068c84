package dev.stamp.manager.spec;

/** An issuer of any supported kind. Cluster-scoped kinds have an empty namespace. */
public record Issuer(IssuerKind kind, ObjectMeta metadata, IssuerConfig config) {
}
