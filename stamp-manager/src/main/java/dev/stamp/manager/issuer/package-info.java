/**
 * Issuer back-ends: one {@link dev.stamp.manager.issuer.IssuerBackend} per {@link dev.stamp.manager.spec.IssuerConfig}
 * variant (selfSigned, ca, Stamp's native API, the AWS Private CA API), chosen by
 * {@link dev.stamp.manager.issuer.IssuerBackends}. Each checks its issuer (cert-manager's Ready reasons) and signs a
 * CertificateRequest into a {@link dev.stamp.manager.issuer.SignOutcome}.
 */
package dev.stamp.manager.issuer;
