package dev.stamp.manager.spec;

/** {@code spec.signatureAlgorithm}, by its manifest name. */
public enum SignatureAlgorithm {
    SHA256WithRSA, SHA384WithRSA, SHA512WithRSA, ECDSAWithSHA256, ECDSAWithSHA384, ECDSAWithSHA512, PureEd25519
}
