package dev.stamp.core.ca;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** The subject attributes AWS Private CA's ASN1Subject allows, with their OIDs, short names and length limits. */
public enum SubjectAttribute {
    COUNTRY(BCStyle.C, "C", 2),
    STATE(BCStyle.ST, "ST", 128),
    LOCALITY(BCStyle.L, "L", 128),
    ORGANIZATION(BCStyle.O, "O", 64),
    ORGANIZATIONAL_UNIT(BCStyle.OU, "OU", 64),
    DISTINGUISHED_NAME_QUALIFIER(BCStyle.DN_QUALIFIER, "DNQ", 64),
    TITLE(BCStyle.T, "T", 64),
    SURNAME(BCStyle.SURNAME, "SURNAME", 40),
    GIVEN_NAME(BCStyle.GIVENNAME, "GIVENNAME", 16),
    INITIALS(BCStyle.INITIALS, "INITIALS", 5),
    PSEUDONYM(BCStyle.PSEUDONYM, "PSEUDONYM", 128),
    GENERATION_QUALIFIER(BCStyle.GENERATION, "GENERATION", 3),
    SERIAL_NUMBER(BCStyle.SERIALNUMBER, "SERIALNUMBER", 64),
    COMMON_NAME(BCStyle.CN, "CN", 64);

    private final ASN1ObjectIdentifier oid;
    private final String shortName;
    private final int maxLength;

    SubjectAttribute(ASN1ObjectIdentifier oid, String shortName, int maxLength) {
        this.oid = oid;
        this.shortName = shortName;
        this.maxLength = maxLength;
    }

    public ASN1ObjectIdentifier oid() { return oid; }
    public String shortName() { return shortName; }
    public int maxLength() { return maxLength; }

    public static SubjectAttribute byShortName(String name) {
        for (SubjectAttribute a : values()) {
            if (a.shortName.equalsIgnoreCase(name)) return a;
        }
        return switch (name.toUpperCase(java.util.Locale.ROOT)) {
            case "S", "STATE" -> STATE;
            case "SN" -> SURNAME;
            case "G", "GN" -> GIVEN_NAME;
            case "TITLE" -> TITLE;
            default -> null;
        };
    }
}
