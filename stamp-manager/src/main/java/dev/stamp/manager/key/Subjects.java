package dev.stamp.manager.key;

import dev.stamp.manager.manifest.LiteralSubject;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.Subject;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSR subject. {@code literalSubject} keeps its RDNs: an RFC 4514 string lists the last RDN first, so
 * {@code CN=foo,DC=example,DC=com} encodes DC=com first, as cert-manager's {@code UnmarshalSubjectStringToRDNSequence}
 * does (parsing is the manifest reader's {@link LiteralSubject}, so the CSR encodes exactly what validation accepted). Otherwise the subject is Go's
 * {@code pkix.Name.ToRDNSequence} order: C, ST, L, street, postalCode, O, OU, CN, serialNumber, with several values
 * of one attribute in one multi-valued RDN.
 */
final class Subjects {
    private Subjects() {}

    static X500Name of(CertificateSpec spec) {
        if (!spec.literalSubject().isEmpty()) {
            return literal(spec.literalSubject());
        }
        Subject s = spec.subject();
        List<RDN> rdns = new ArrayList<>();
        add(rdns, BCStyle.C, s.countries());
        add(rdns, BCStyle.ST, s.provinces());
        add(rdns, BCStyle.L, s.localities());
        add(rdns, BCStyle.STREET, s.streetAddresses());
        add(rdns, BCStyle.POSTAL_CODE, s.postalCodes());
        add(rdns, BCStyle.O, s.organizations());
        add(rdns, BCStyle.OU, s.organizationalUnits());
        if (!spec.commonName().isEmpty()) add(rdns, BCStyle.CN, List.of(spec.commonName()));
        if (!s.serialNumber().isEmpty()) add(rdns, BCStyle.SERIALNUMBER, List.of(s.serialNumber()));
        return new X500Name(rdns.toArray(RDN[]::new));
    }

    private static void add(List<RDN> rdns, ASN1ObjectIdentifier type, List<String> values) {
        if (values.isEmpty()) return;
        AttributeTypeAndValue[] set = values.stream()
                .map(v -> new AttributeTypeAndValue(type, encode(v)))
                .toArray(AttributeTypeAndValue[]::new);
        rdns.add(new RDN(set));
    }

    /** Go's asn1 marshalling: PrintableString when every character allows it, else UTF8String. */
    private static ASN1Encodable encode(String value) {
        return DERPrintableString.isPrintableString(value) ? new DERPrintableString(value) : new DERUTF8String(value);
    }

    /** Parsed by the manifest reader's rules (cert-manager's attribute names, dotted OIDs; no #hex values). */
    private static X500Name literal(String dn) {
        try {
            return LiteralSubject.parse(dn).toX500Name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("literalSubject: '" + dn + "' is not a usable RFC 4514 distinguished name: " + e.getMessage(), e);
        }
    }
}
