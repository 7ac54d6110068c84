/**
 * Reading cert-manager manifests into the values of {@code dev.stamp.manager.spec}: {@link
 * dev.stamp.manager.manifest.ManifestReader} (YAML text, several documents per file) and {@link
 * dev.stamp.manager.manifest.ManifestDirectory} (a config directory). Defaults and validation follow cert-manager's
 * webhook, with Kubernetes' wording of field errors ({@link dev.stamp.manager.manifest.FieldError}), so that a
 * manifest refused by Stamp is refused with the message cert-manager would give. {@link
 * dev.stamp.manager.manifest.GoDuration} and {@link dev.stamp.manager.manifest.LiteralSubject} are the two syntaxes
 * other parts need again (printing durations, building a CSR's subject).
 */
package dev.stamp.manager.manifest;
