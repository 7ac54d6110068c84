package dev.stamp.core.ca;

import dev.stamp.core.StampException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An X.500 subject built from AWS's ASN1Subject attribute set, or from custom attributes (OID = value),
 * never both (as AWS requires). Values are checked against AWS's length limits. Immutable.
 */
public record CaSubject(List<Entry> entries) {

    /** One attribute: a standard one (attribute set, oid derived) or a custom OID. */
    public record Entry(ASN1ObjectIdentifier oid, SubjectAttribute attribute, String value) {
        public Entry {
            Objects.requireNonNull(oid, "oid");
            Objects.requireNonNull(value, "value");
        }
    }

    public CaSubject {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) throw StampException.invalidArgument("a CA subject needs at least one attribute");
        boolean custom = entries.stream().anyMatch(e -> e.attribute() == null);
        boolean standard = entries.stream().anyMatch(e -> e.attribute() != null);
        if (custom && standard) {
            throw StampException.invalidArgument("CustomAttributes cannot be combined with the standard subject attributes");
        }
        if (entries.size() > 150) throw StampException.invalidArgument("a subject has at most 150 attributes, not " + entries.size());
        for (Entry e : entries) {
            int max = e.attribute() != null ? e.attribute().maxLength() : 256;
            if (e.value().isEmpty() || e.value().length() > max) {
                String name = e.attribute() != null ? e.attribute().shortName() : e.oid().getId();
                throw StampException.invalidArgument("subject attribute " + name + " must be 1 to " + max
                        + " characters, not " + e.value().length() + " ('" + abbreviate(e.value()) + "')");
            }
            if (e.attribute() == SubjectAttribute.COUNTRY && !e.value().matches("[A-Za-z]{2}")) {
                throw StampException.invalidArgument("subject Country must be a two-letter code, not '" + e.value() + "'");
            }
        }
    }

    public static CaSubject commonName(String cn) {
        return new CaSubject(List.of(new Entry(SubjectAttribute.COMMON_NAME.oid(), SubjectAttribute.COMMON_NAME, cn)));
    }

    /** Parses "CN=Example Root,O=Example,C=US" (RFC 4514 style, most significant last or first as written). */
    public static CaSubject parse(String dn) {
        if (dn == null || dn.isBlank()) throw StampException.invalidArgument("subject is empty");
        RDN[] rdns;
        try {
            rdns = IETFUtils.rDNsFromString(dn, BCStyle.INSTANCE);
        } catch (RuntimeException e) {
            throw StampException.invalidArgument("subject '" + abbreviate(dn) + "' is not a distinguished name: " + e.getMessage());
        }
        List<Entry> entries = new ArrayList<>();
        for (RDN rdn : rdns) {
            var tv = rdn.getFirst();
            SubjectAttribute attribute = null;
            for (SubjectAttribute a : SubjectAttribute.values()) {
                if (a.oid().equals(tv.getType())) attribute = a;
            }
            entries.add(new Entry(tv.getType(), attribute, IETFUtils.valueToString(tv.getValue())));
        }
        return new CaSubject(entries);
    }

    /** Builds the X.500 name; BCStyle picks PrintableString for C, DNQ and serialNumber and UTF8String for the rest. */
    public X500Name toX500Name() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        for (Entry e : entries) b.addRDN(e.oid(), e.value());
        return b.build();
    }

    /** The common name, if there is one. */
    public String commonNameOrNull() {
        return entries.stream().filter(e -> e.attribute() == SubjectAttribute.COMMON_NAME).map(Entry::value).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return toX500Name().toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
