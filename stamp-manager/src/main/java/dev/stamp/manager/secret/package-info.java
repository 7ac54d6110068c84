/**
 * The Secret a Certificate produces, and where it lives for the standalone agent: {@code TlsSecretBuilder} turns an
 * issued chain and key into cert-manager's Secret (data keys, annotations, keystores), {@code SecretDirectory} writes
 * and reads Secrets as atomically switched output directories, {@code SecretInspector} describes one like
 * {@code cmctl inspect secret}.
 */
package dev.stamp.manager.secret;
