package dev.stamp.manager.spec;

/** {@code spec.privateKey.rotationPolicy}: Always (cert-manager's default since v1.18) or Never. */
public enum RotationPolicy {
    Always, Never
}
