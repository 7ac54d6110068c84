/**
 * Trust distribution: putting the root of a Stamp hierarchy into clients' trust stores ({@code stamp trust}).
 * One {@link dev.stamp.manager.trust.TrustStore} per kind of store (Debian and RHEL system stores, a Java truststore,
 * an NSS database, the macOS and Windows stores by printed command); every path and external command is a
 * constructor argument, so tests run the real tools against throwaway directories. Every store touches only what
 * Stamp itself added: a file named by the root's label, the alias or nickname {@code stamp-<16 hex>}.
 */
package dev.stamp.manager.trust;
