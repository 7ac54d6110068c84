package dev.stamp.manager.spec;

import java.util.Objects;

/**
 * {@code spec.issuerRef}. The reader fills cert-manager's defaults: an empty kind means {@code Issuer}, an empty group
 * {@code cert-manager.io}.
 */
public record IssuerRef(String name, String kind, String group) {
    public static final String CERT_MANAGER_GROUP = "cert-manager.io";

    public IssuerRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(group, "group");
    }
}
