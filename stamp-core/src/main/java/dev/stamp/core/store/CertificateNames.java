package dev.stamp.core.store;

import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.TBSCertificate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names a listing's name filter searches: the subject's common names and the SANs (DNS, IP, email, URI), lower
 * case, one per line. Read from a signed certificate or, while PENDING, from the to-be-signed one.
 */
public final class CertificateNames {
    private CertificateNames() {}

    public static String of(byte[] der) {
        TBSCertificate tbs;
        try {
            ASN1Sequence seq = ASN1Sequence.getInstance(der);
            tbs = seq.size() == 3 ? Certificate.getInstance(seq).getTBSCertificate() : TBSCertificate.getInstance(seq);
        } catch (RuntimeException e) {
            return ""; // nothing searchable rather than a failed write: the subject column is still searched
        }
        Extensions extensions = tbs.getExtensions();
        GeneralNames sans = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        return of(tbs.getSubject(), sans == null ? List.of() : List.of(sans.getNames()));
    }

    /** The same from a certificate's subject and SANs as the issuance pipeline holds them, without parsing DER. */
    public static String of(X500Name subject, List<GeneralName> sans) {
        Set<String> names = new LinkedHashSet<>();
        // Lower case before the set, so that a CN repeated as a SAN in another case is listed once.
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) names.add(IETFUtils.valueToString(rdn.getFirst().getValue()).toLowerCase(Locale.ROOT));
        for (GeneralName n : sans) {
            switch (n.getTagNo()) {
                case GeneralName.dNSName, GeneralName.rfc822Name, GeneralName.uniformResourceIdentifier -> names.add(n.getName().toString().toLowerCase(Locale.ROOT));
                case GeneralName.iPAddress -> names.add(ip(n));
                default -> { }
            }
        }
        return String.join("\n", names);
    }

    private static String ip(GeneralName n) {
        try {
            return InetAddress.getByAddress(org.bouncycastle.asn1.ASN1OctetString.getInstance(n.getName()).getOctets()).getHostAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return "";
        }
    }

    /** Whether {@code needle} (lower case) occurs in the names or, for records stored without names, the subject. */
    public static boolean contains(String names, String subject, String needle) {
        String haystack = names == null || names.isEmpty() ? subject.toLowerCase(Locale.ROOT) : names;
        return haystack.contains(needle);
    }
}
