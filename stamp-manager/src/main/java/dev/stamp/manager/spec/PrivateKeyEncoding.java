package dev.stamp.manager.spec;

/** {@code spec.privateKey.encoding} of {@code tls.key}; Ed25519 keys are always PKCS8. */
public enum PrivateKeyEncoding {
    PKCS1, PKCS8
}
