package dev.stamp.manager.policy;

import dev.stamp.manager.spec.OtherName;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The subject and subject alternative names of a certificate or CSR, read as Go's {@code crypto/x509} exposes them
 * (the fields cert-manager compares): the last CN, the serial number, each multi-valued attribute in DER order, and
 * the SANs by kind.
 */
record X509Names(String commonName, String serialNumber, List<String> organizations, List<String> countries,
                 List<String> organizationalUnits, List<String> localities, List<String> provinces,
                 List<String> streetAddresses, List<String> postalCodes, List<String> dnsNames,
                 List<InetAddress> ipAddresses, List<String> uris, List<String> emailAddresses, List<OtherName> otherNames,
                 String otherNameError, boolean hasSubjectAltNames) {

    /**
     * @throws DecodeException when the subject or the SAN extension is malformed; an otherName that is not a
     *                         UTF8String is only recorded in {@link #otherNameError}, since only a spec with otherNames
     *                         needs to read them
     */
    static X509Names of(X500Name subject, Extensions extensions) {
        try {
            return read(subject, extensions);
        } catch (DecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DecodeException("malformed subject or subject alternative names: " + e.getMessage());
        }
    }

    /** The otherNames, or a DecodeException when one of them is not a UTF8String. */
    List<OtherName> utf8OtherNames() {
        if (otherNameError != null) throw new DecodeException(otherNameError);
        return otherNames;
    }

    private static X509Names read(X500Name subject, Extensions extensions) {
        String cn = "";
        String serial = "";
        List<String> o = new ArrayList<>(), c = new ArrayList<>(), ou = new ArrayList<>(), l = new ArrayList<>(),
                st = new ArrayList<>(), street = new ArrayList<>(), postal = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                // Go keeps only string-typed values; so do we.
                if (!(atv.getValue() instanceof ASN1String s)) continue;
                String v = s.getString();
                ASN1ObjectIdentifier type = atv.getType();
                if (type.equals(BCStyle.CN)) cn = v;
                else if (type.equals(BCStyle.SERIALNUMBER)) serial = v;
                else if (type.equals(BCStyle.O)) o.add(v);
                else if (type.equals(BCStyle.C)) c.add(v);
                else if (type.equals(BCStyle.OU)) ou.add(v);
                else if (type.equals(BCStyle.L)) l.add(v);
                else if (type.equals(BCStyle.ST)) st.add(v);
                else if (type.equals(BCStyle.STREET)) street.add(v);
                else if (type.equals(BCStyle.POSTAL_CODE)) postal.add(v);
            }
        }
        List<String> dns = new ArrayList<>(), uris = new ArrayList<>(), emails = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<OtherName> others = new ArrayList<>();
        String otherNameError = null;
        GeneralNames sans = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (sans != null) {
            for (GeneralName name : sans.getNames()) {
                switch (name.getTagNo()) {
                    case GeneralName.dNSName -> dns.add(((ASN1String) name.getName()).getString());
                    case GeneralName.rfc822Name -> emails.add(((ASN1String) name.getName()).getString());
                    case GeneralName.uniformResourceIdentifier -> uris.add(((ASN1String) name.getName()).getString());
                    case GeneralName.iPAddress -> ips.add(address(ASN1OctetString.getInstance(name.getName()).getOctets()));
                    case GeneralName.otherName -> {
                        try {
                            others.add(otherName(name.getName()));
                        } catch (DecodeException e) {
                            otherNameError = e.getMessage();
                        }
                    }
                    default -> { }
                }
            }
        }
        return new X509Names(cn, serial, o, c, ou, l, st, street, postal, dns, ips, uris, emails, others, otherNameError,
                sans != null);
    }

    /** An otherName whose value is a UTF8String, as cert-manager's {@code otherNames} carries; others are refused. */
    private static OtherName otherName(ASN1Encodable encodable) {
        ASN1Sequence seq = ASN1Sequence.getInstance(encodable);
        String oid = ASN1ObjectIdentifier.getInstance(seq.getObjectAt(0)).getId();
        ASN1Encodable value = ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getExplicitBaseObject();
        if (!(value instanceof ASN1UTF8String utf8)) {
            throw new DecodeException("otherName " + oid + " is not an utf8 value, got: " + value.getClass().getSimpleName());
        }
        return new OtherName(oid, utf8.getString());
    }

    private static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new DecodeException("invalid IP address SAN of " + octets.length + " bytes");
        }
    }
}
