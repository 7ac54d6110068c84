package dev.stamp.manager.spec;

/** A {@code cert-manager.io/v1} CertificateRequest (its status is kept by the agent's store). */
public record CertificateRequest(ObjectMeta metadata, CertificateRequestSpec spec) {
    public static final String KIND = "CertificateRequest";
    /** Annotation naming the Certificate revision a request was made for. */
    public static final String REVISION_ANNOTATION = "cert-manager.io/certificate-revision";
    public static final String CERTIFICATE_NAME_ANNOTATION = "cert-manager.io/certificate-name";
    public static final String PRIVATE_KEY_SECRET_ANNOTATION = "cert-manager.io/private-key-secret-name";
}
