/**
 * cert-manager's resource model ({@code cert-manager.io/v1} Certificate, CertificateRequest, Issuer, ClusterIssuer;
 * aws-privateca-issuer's {@code awspca.cert-manager.io/v1beta1} issuers; Stamp's own {@code stamp.dev/v1alpha1}
 * issuers) as immutable values with cert-manager's field names. Values are plain data: defaults and validation
 * live with the manifest reader, not here.
 */
package dev.stamp.manager.spec;
