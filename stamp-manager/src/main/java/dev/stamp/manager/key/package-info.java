/**
 * Private keys and certificate signing requests for the certificate manager: generation per
 * {@code spec.privateKey}, PEM encodings as cert-manager writes {@code tls.key}, and CSRs built from a Certificate's
 * spec the way cert-manager's {@code pki.GenerateCSR} builds them.
 */
package dev.stamp.manager.key;
