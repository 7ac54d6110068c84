package dev.stamp.manager.spec;

/** {@code spec.privateKey.algorithm}: the manifest names are RSA, ECDSA and Ed25519. */
public enum PrivateKeyAlgorithm {
    RSA, ECDSA, Ed25519
}
