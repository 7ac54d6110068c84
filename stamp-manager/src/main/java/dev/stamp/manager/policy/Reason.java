package dev.stamp.manager.policy;

/**
 * Policy violation reasons, spelled as cert-manager's {@code policies/constants.go} spells them; {@link #name()} is the
 * string written to a condition's reason.
 */
public enum Reason {
    /** The Secret named by spec.secretName does not exist. */
    DoesNotExist,
    /** The Secret has no data, no tls.key or no tls.crt. */
    MissingData,
    /** The private key cannot be decoded, or does not match the certificate. */
    InvalidKeyPair,
    /** The certificate cannot be decoded (or, for an issued certificate, is unusable). */
    InvalidCertificate,
    /** The current CertificateRequest's CSR cannot be decoded. */
    InvalidCertificateRequest,
    /** The Secret's key or certificate no longer fits the spec or the current request. */
    SecretMismatch,
    /** The Secret's issuer annotations name another issuer. */
    IncorrectIssuer,
    /** The Secret's certificate-name annotation names another Certificate. */
    IncorrectCertificate,
    /** The current CertificateRequest no longer matches the spec. */
    RequestChanged,
    /** The renewal time has come. */
    Renewing,
    /** The certificate has expired. */
    Expired
}
