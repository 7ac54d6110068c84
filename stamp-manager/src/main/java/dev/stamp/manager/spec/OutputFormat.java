package dev.stamp.manager.spec;

/** {@code spec.additionalOutputFormats[].type}: DER adds {@code key.der}, CombinedPEM adds {@code tls-combined.pem}. */
public enum OutputFormat {
    DER, CombinedPEM
}
