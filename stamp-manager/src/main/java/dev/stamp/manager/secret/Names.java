package dev.stamp.manager.secret;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import java.util.ArrayList;
import java.util.List;

/** Reads names out of certificates the way Go's crypto/x509 exposes them (DNSNames, IPAddresses, Subject.X, ...). */
final class Names {
    private Names() {}

    static List<String> sans(X509CertificateHolder cert, int tag) {
        GeneralNames names = GeneralNames.fromExtensions(cert.getExtensions(), Extension.subjectAlternativeName);
        List<String> out = new ArrayList<>();
        if (names == null) return out;
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() != tag) continue;
            out.add(tag == GeneralName.iPAddress
                    ? ipString(ASN1OctetString.getInstance(n.getName()).getOctets())
                    : ((ASN1String) n.getName()).getString());
        }
        return out;
    }

    /** Every value of one attribute type, in RDN order. */
    static List<String> attribute(X500Name name, ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(type)) out.add(value(atv.getValue()));
            }
        }
        return out;
    }

    static String first(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = attribute(name, type);
        return values.isEmpty() ? "" : values.getFirst();
    }

    private static String value(ASN1Encodable v) {
        return v instanceof ASN1String s ? s.getString() : v.toString();
    }

    /** Go's {@code net.IP.String()}: dotted IPv4, RFC 5952 IPv6 (lower case, longest zero run as "::"). */
    static String ipString(byte[] ip) {
        if (ip.length == 4) {
            return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
        }
        if (ip.length != 16) {
            StringBuilder hex = new StringBuilder("?");
            for (byte b : ip) hex.append(String.format("%02x", b));
            return hex.toString();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) { i++; continue; }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
