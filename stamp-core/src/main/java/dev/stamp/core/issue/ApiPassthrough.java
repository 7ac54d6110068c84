package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.PolicyInformation;

import java.util.List;

/**
 * Values the caller asks for directly (AWS ApiPassthrough): a subject, SANs, key usage bits (as in
 * {@link org.bouncycastle.asn1.x509.KeyUsage}), extended key usages, certificate policies and custom extensions.
 * Used only by APIPassthrough and APICSRPassthrough templates. Null members mean "not given".
 */
public record ApiPassthrough(
        X500Name subject,
        List<GeneralName> subjectAlternativeNames,
        Integer keyUsage,
        List<KeyPurposeId> extendedKeyUsage,
        List<PolicyInformation> certificatePolicies,
        List<CustomExtension> customExtensions) {

    /** A custom extension: OID, DER value, criticality. */
    public record CustomExtension(ASN1ObjectIdentifier oid, byte[] value, boolean critical) {
        public CustomExtension {
            if (value == null || value.length == 0 || value.length > 4096) {
                throw StampException.invalidArgument("custom extension " + oid + " value must be 1 to 4096 bytes");
            }
            value = value.clone();
        }
        @Override public byte[] value() { return value.clone(); }
    }

    public static final ApiPassthrough NONE = new ApiPassthrough(null, null, null, null, null, null);

    public ApiPassthrough {
        subjectAlternativeNames = copy("SubjectAlternativeNames", subjectAlternativeNames, 150);
        extendedKeyUsage = copy("ExtendedKeyUsage", extendedKeyUsage, 20);
        certificatePolicies = copy("CertificatePolicies", certificatePolicies, 20);
        customExtensions = copy("CustomExtensions", customExtensions, 150);
    }

    private static <T> List<T> copy(String field, List<T> list, int max) {
        if (list == null) return null;
        if (list.isEmpty() || list.size() > max) {
            throw StampException.invalidArgument(field + " must hold 1 to " + max + " items, not " + list.size());
        }
        return List.copyOf(list);
    }
}
