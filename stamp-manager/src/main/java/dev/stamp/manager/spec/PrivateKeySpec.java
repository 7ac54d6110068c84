package dev.stamp.manager.spec;

import java.util.Objects;

/** {@code spec.privateKey} with cert-manager's defaults already applied (RSA 2048, ECDSA 256, PKCS1, Always). */
public record PrivateKeySpec(PrivateKeyAlgorithm algorithm, int size, PrivateKeyEncoding encoding, RotationPolicy rotationPolicy) {
    public static final PrivateKeySpec DEFAULT = new PrivateKeySpec(PrivateKeyAlgorithm.RSA, 2048, PrivateKeyEncoding.PKCS1, RotationPolicy.Always);

    public PrivateKeySpec {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(rotationPolicy, "rotationPolicy");
    }
}
