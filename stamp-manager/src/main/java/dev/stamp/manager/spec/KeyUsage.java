package dev.stamp.manager.spec;

import java.util.Optional;

/**
 * The 23 usages cert-manager accepts ({@code spec.usages}), by their manifest names. Each is either a key usage bit
 * (RFC 5280 4.2.1.3, as Bouncy Castle's {@code KeyUsage} bit value) or an extended key usage OID (4.2.1.12).
 */
public enum KeyUsage {
    SIGNING("signing", 1 << 7, null),
    DIGITAL_SIGNATURE("digital signature", 1 << 7, null),
    CONTENT_COMMITMENT("content commitment", 1 << 6, null),
    KEY_ENCIPHERMENT("key encipherment", 1 << 5, null),
    KEY_AGREEMENT("key agreement", 1 << 3, null),
    DATA_ENCIPHERMENT("data encipherment", 1 << 4, null),
    CERT_SIGN("cert sign", 1 << 2, null),
    CRL_SIGN("crl sign", 1 << 1, null),
    ENCIPHER_ONLY("encipher only", 1, null),
    DECIPHER_ONLY("decipher only", 1 << 15, null),
    ANY("any", 0, "2.5.29.37.0"),
    SERVER_AUTH("server auth", 0, "1.3.6.1.5.5.7.3.1"),
    CLIENT_AUTH("client auth", 0, "1.3.6.1.5.5.7.3.2"),
    CODE_SIGNING("code signing", 0, "1.3.6.1.5.5.7.3.3"),
    EMAIL_PROTECTION("email protection", 0, "1.3.6.1.5.5.7.3.4"),
    SMIME("s/mime", 0, "1.3.6.1.5.5.7.3.4"),
    IPSEC_END_SYSTEM("ipsec end system", 0, "1.3.6.1.5.5.7.3.5"),
    IPSEC_TUNNEL("ipsec tunnel", 0, "1.3.6.1.5.5.7.3.6"),
    IPSEC_USER("ipsec user", 0, "1.3.6.1.5.5.7.3.7"),
    TIMESTAMPING("timestamping", 0, "1.3.6.1.5.5.7.3.8"),
    OCSP_SIGNING("ocsp signing", 0, "1.3.6.1.5.5.7.3.9"),
    MICROSOFT_SGC("microsoft sgc", 0, "1.3.6.1.4.1.311.10.3.3"),
    NETSCAPE_SGC("netscape sgc", 0, "2.16.840.1.113730.4.1");

    private final String manifestName;
    private final int keyUsageBit;
    private final String extendedKeyUsageOid;

    KeyUsage(String manifestName, int keyUsageBit, String extendedKeyUsageOid) {
        this.manifestName = manifestName;
        this.keyUsageBit = keyUsageBit;
        this.extendedKeyUsageOid = extendedKeyUsageOid;
    }

    /** The name as written in a manifest, e.g. {@code "server auth"}. */
    public String manifestName() {
        return manifestName;
    }

    /** The key usage bit, or 0 for an extended key usage. */
    public int keyUsageBit() {
        return keyUsageBit;
    }

    public Optional<String> extendedKeyUsageOid() {
        return Optional.ofNullable(extendedKeyUsageOid);
    }

    public boolean isExtended() {
        return extendedKeyUsageOid != null;
    }

    public static Optional<KeyUsage> fromManifestName(String name) {
        for (KeyUsage usage : values()) {
            if (usage.manifestName.equals(name)) {
                return Optional.of(usage);
            }
        }
        return Optional.empty();
    }
}
