package dev.stamp.core.issue;

import dev.stamp.core.crypto.X509Times;
import dev.stamp.core.StampException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.TBSCertificate;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Step 6 of the pipeline: checks a to-be-signed certificate against RFC 5280's structural rules before anything
 * signs it. A certificate with any finding is never signed. Stateless; thread-safe.
 */
public final class CertificateLinter {
    private static final Pattern DNS_LABEL = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<ASN1ObjectIdentifier> MUST_NOT_BE_CRITICAL = Set.of(
            Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier,
            Extension.authorityInfoAccess, Extension.cRLDistributionPoints, Extension.freshestCRL);

    private CertificateLinter() {}

    /** Throws POLICY_VIOLATION listing every finding, or returns when the certificate is clean. */
    public static void require(TBSCertificate tbs, boolean selfSigned) {
        List<String> findings = lint(tbs, selfSigned);
        if (!findings.isEmpty()) {
            throw StampException.policy("the certificate failed lint and was not signed: " + String.join("; ", findings));
        }
    }

    public static List<String> lint(TBSCertificate tbs, boolean selfSigned) {
        List<String> f = new ArrayList<>();
        if (tbs.getVersionNumber() != 3) f.add("version must be v3");
        BigInteger serial = tbs.getSerialNumber().getValue();
        if (serial.signum() <= 0) f.add("serial number must be positive");
        if (serial.toByteArray().length > 20) f.add("serial number is longer than 20 octets");
        if (tbs.getIssuer().getRDNs().length == 0) f.add("issuer name is empty");
        if (!X509Times.of(tbs.getEndDate()).isAfter(X509Times.of(tbs.getStartDate()))) f.add("notAfter is not after notBefore");

        Extensions exts = tbs.getExtensions();
        if (exts == null) {
            f.add("a v3 certificate without extensions");
            return f;
        }
        Set<ASN1ObjectIdentifier> seen = new HashSet<>();
        for (ASN1ObjectIdentifier oid : exts.getExtensionOIDs()) {
            if (!seen.add(oid)) f.add("extension " + oid + " appears twice");
            Extension e = exts.getExtension(oid);
            if (e.isCritical() && MUST_NOT_BE_CRITICAL.contains(oid)) f.add("extension " + oid + " must not be critical");
        }

        BasicConstraints bc = BasicConstraints.fromExtensions(exts);
        boolean ca = bc != null && bc.isCA();
        KeyUsage ku = KeyUsage.fromExtensions(exts);
        if (ku != null && ku.getBytes().length == 0) f.add("key usage sets no bit");
        boolean rsaKey = tbs.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption);
        if (ku != null && !rsaKey && ku.hasUsages(KeyUsage.keyEncipherment)) f.add("keyEncipherment is set for a key that cannot encipher (RFC 8813)");
        if (ca) {
            if (!exts.getExtension(Extension.basicConstraints).isCritical()) f.add("basic constraints must be critical in a CA certificate");
            if (ku == null || !ku.hasUsages(KeyUsage.keyCertSign)) f.add("a CA certificate must assert keyCertSign");
            if (tbs.getSubject().getRDNs().length == 0) f.add("a CA certificate needs a subject");
        } else {
            if (ku != null && (ku.hasUsages(KeyUsage.keyCertSign))) f.add("keyCertSign is set in a certificate that is not a CA");
            if (bc != null && bc.getPathLenConstraint() != null) f.add("pathLenConstraint is set in a certificate that is not a CA");
            if (exts.getExtension(Extension.nameConstraints) != null) f.add("name constraints appear in a certificate that is not a CA");
        }
        if (exts.getExtension(Extension.nameConstraints) != null && !exts.getExtension(Extension.nameConstraints).isCritical()) {
            f.add("name constraints must be critical");
        }
        if (exts.getExtension(Extension.subjectKeyIdentifier) == null && ca) f.add("a CA certificate needs a subject key identifier");
        if (!selfSigned && exts.getExtension(Extension.authorityKeyIdentifier) == null) f.add("authority key identifier is missing");

        Extension sanExt = exts.getExtension(Extension.subjectAlternativeName);
        boolean emptySubject = tbs.getSubject().getRDNs().length == 0;
        if (emptySubject && sanExt == null) f.add("the subject is empty and there is no subject alternative name");
        if (emptySubject && sanExt != null && !sanExt.isCritical()) f.add("subject alternative name must be critical when the subject is empty");
        if (sanExt != null) {
            GeneralNames names;
            try {
                names = GeneralNames.getInstance(sanExt.getParsedValue());
            } catch (RuntimeException e) {
                f.add("subject alternative name is malformed");
                return f;
            }
            if (names.getNames().length == 0) f.add("subject alternative name is empty");
            for (GeneralName n : names.getNames()) lintName(n, f);
        }
        return f;
    }

    private static void lintName(GeneralName n, List<String> f) {
        switch (n.getTagNo()) {
            case GeneralName.dNSName -> {
                String dns = n.getName().toString();
                if (!validDns(dns)) f.add("DNS name '" + dns + "' is not a valid host name");
            }
            case GeneralName.iPAddress -> {
                int len = ASN1OctetString.getInstance(n.getName()).getOctets().length;
                if (len != 4 && len != 16) f.add("IP address of " + len + " octets is neither IPv4 nor IPv6");
            }
            case GeneralName.rfc822Name -> {
                String mail = n.getName().toString();
                if (!mail.contains("@") || mail.contains(" ")) f.add("email '" + mail + "' is not a mailbox");
            }
            case GeneralName.uniformResourceIdentifier -> {
                String uri = n.getName().toString();
                if (!uri.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.+")) f.add("URI '" + uri + "' has no scheme");
            }
            default -> { }
        }
    }

    /** Preferred name syntax (RFC 1034 3.5 as relaxed by RFC 1123), with an optional leading "*." wildcard label. */
    static boolean validDns(String dns) {
        if (dns.isEmpty() || dns.length() > 253) return false;
        String name = dns.startsWith("*.") ? dns.substring(2) : dns;
        if (name.endsWith(".")) return false;
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) return false;
        }
        return true;
    }
}
