package dev.stamp.manager.spec;

/** A {@code cert-manager.io/v1} Certificate: namespaced. */
public record Certificate(ObjectMeta metadata, CertificateSpec spec) {
    public static final String API_VERSION = "cert-manager.io/v1";
    public static final String KIND = "Certificate";
}
