package dev.stamp.manager.manifest;

import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.KeyUsage;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * cert-manager's check that a CertificateRequest says what its CSR says: BasicConstraints in the CSR must match
 * {@code isCA}, and key usages in the CSR must equal {@code usages} (when both are given and the spec's are not the
 * defaults). {@code signing} and {@code digital signature} are one bit, {@code s/mime} and {@code email protection}
 * one OID, so they compare equal.
 */
final class CsrConsistency {
    private CsrConsistency() {
    }

    /** The detail of the error on {@code spec.request}, or empty when the CSR and the spec agree. */
    static Optional<String> problem(PKCS10CertificationRequest csr, boolean isCA, List<KeyUsage> usages) {
        Extensions extensions = extensions(csr);
        if (extensions == null) {
            return Optional.empty();
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
        if (constraints != null && constraints.isCA() != isCA) {
            return Optional.of("csr isCA (" + constraints.isCA() + ") does not match specified isCA (" + isCA + ")");
        }
        Set<KeyUsage> requested = usagesOf(extensions);
        if (requested.isEmpty() || usages.isEmpty() || usages.equals(CertificateSpec.DEFAULT_USAGES)) {
            return Optional.empty();
        }
        Set<KeyUsage> specified = normalized(usages);
        if (isCA) {
            specified.add(KeyUsage.CERT_SIGN);
        }
        if (requested.equals(specified) || requested.equals(normalized(CertificateSpec.DEFAULT_USAGES))) {
            return Optional.empty();
        }
        return Optional.of("csr key usages do not match specified usages, these should match if both are set: csr has "
                + names(requested) + ", spec has " + names(specified));
    }

    private static Extensions extensions(PKCS10CertificationRequest csr) {
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            if (attribute.getAttrValues().size() > 0) {
                return Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
            }
        }
        return null;
    }

    private static Set<KeyUsage> usagesOf(Extensions extensions) {
        Set<KeyUsage> out = EnumSet.noneOf(KeyUsage.class);
        org.bouncycastle.asn1.x509.KeyUsage bits = org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(extensions);
        ExtendedKeyUsage extended = ExtendedKeyUsage.fromExtensions(extensions);
        for (KeyUsage usage : KeyUsage.values()) {
            if (!usage.isExtended() && bits != null && bits.hasUsages(usage.keyUsageBit())) {
                out.add(usage);
            }
            if (usage.isExtended() && extended != null
                    && extended.hasKeyPurposeId(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(usage.extendedKeyUsageOid().orElseThrow())))) {
                out.add(usage);
            }
        }
        return normalized(out);
    }

    private static Set<KeyUsage> normalized(Iterable<KeyUsage> usages) {
        Set<KeyUsage> out = EnumSet.noneOf(KeyUsage.class);
        for (KeyUsage usage : usages) {
            out.add(switch (usage) {
                case SIGNING -> KeyUsage.DIGITAL_SIGNATURE;
                case SMIME -> KeyUsage.EMAIL_PROTECTION;
                default -> usage;
            });
        }
        return out;
    }

    private static String names(Set<KeyUsage> usages) {
        return new TreeSet<>(usages.stream().map(KeyUsage::manifestName).toList()).toString();
    }
}
