package dev.stamp.manager.policy;

import dev.stamp.manager.manifest.GoQuote;
import dev.stamp.manager.manifest.IpLiteral;
import dev.stamp.manager.manifest.LiteralSubject;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.Subject;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a CertificateRequest (or, lacking one, the issued certificate) still matches a Certificate's spec, as
 * cert-manager's {@code pki.RequestMatchesSpec} and {@code pki.FuzzyX509AltNamesMatchSpec} decide. The answer is the
 * list of spec field paths that differ; empty means a match. Lists are compared as multisets (order does not matter).
 */
public final class RequestMatch {
    private RequestMatch() {}

    /**
     * The spec fields the request differs on: IP/URI/email/DNS SANs, otherNames (when the spec has some), the subject
     * (CN, serial number and the multi-valued attributes, or the whole RDN sequence when {@code literalSubject} is set),
     * isCA, usages, duration and issuerRef (an empty kind means Issuer and an empty group cert-manager.io).
     * signatureAlgorithm, nameConstraints and encodeUsagesInRequest are not compared, as in cert-manager.
     *
     * @throws DecodeException when the CSR or the literal subject cannot be decoded
     */
    public static List<String> violations(CertificateRequest request, CertificateSpec spec) {
        PKCS10CertificationRequest csr = Pems.csr(request.spec().request());
        X500Name subject = csr.getSubject();
        Extensions requested;
        try {
            requested = csr.getRequestedExtensions();
        } catch (RuntimeException e) {
            throw new DecodeException("malformed extension request in the certificate request: " + e.getMessage());
        }
        X509Names names = X509Names.of(subject, requested);
        Subject wanted = spec.subject();
        List<String> v = new ArrayList<>();
        if (!ipsMatch(names.ipAddresses(), spec.ipAddresses())) v.add("spec.ipAddresses");
        if (!equalUnsorted(names.uris(), spec.uris())) v.add("spec.uris");
        if (!equalUnsorted(names.emailAddresses(), spec.emailAddresses())) v.add("spec.emailAddresses");
        if (!equalUnsorted(names.dnsNames(), spec.dnsNames())) v.add("spec.dnsNames");
        // cert-manager only compares otherNames when the spec sets them, and a CSR without a SAN extension then differs.
        if (!spec.otherNames().isEmpty()
                && (!names.hasSubjectAltNames() || !equalUnsorted(keys(names.utf8OtherNames()), keys(spec.otherNames())))) {
            v.add("spec.otherNames");
        }
        if (spec.literalSubject().isEmpty()) {
            if (!names.commonName().equals(spec.commonName())) v.add("spec.commonName");
            if (!names.serialNumber().equals(wanted.serialNumber())) v.add("spec.subject.serialNumber");
            if (!equalUnsorted(names.organizations(), wanted.organizations())) v.add("spec.subject.organizations");
            if (!equalUnsorted(names.countries(), wanted.countries())) v.add("spec.subject.countries");
            if (!equalUnsorted(names.localities(), wanted.localities())) v.add("spec.subject.localities");
            if (!equalUnsorted(names.organizationalUnits(), wanted.organizationalUnits())) v.add("spec.subject.organizationalUnits");
            // cert-manager names both of these spec.subject.postCodes (sic); we name each field for what it is.
            if (!equalUnsorted(names.postalCodes(), wanted.postalCodes())) v.add("spec.subject.postalCodes");
            if (!equalUnsorted(names.provinces(), wanted.provinces())) v.add("spec.subject.provinces");
            if (!equalUnsorted(names.streetAddresses(), wanted.streetAddresses())) v.add("spec.subject.streetAddresses");
        } else if (!rdns(subject.getRDNs()).equals(rdns(literalRdns(spec.literalSubject())))) {
            v.add("spec.literalSubject");
        }
        if (request.spec().isCA() != spec.isCA()) v.add("spec.isCA");
        if (!equalUnsorted(request.spec().usages().stream().map(KeyUsage::name).toList(),
                spec.usages().stream().map(KeyUsage::name).toList())) {
            v.add("spec.usages");
        }
        if (request.spec().duration() != null && spec.duration() != null && !request.spec().duration().equals(spec.duration())) {
            v.add("spec.duration");
        }
        if (!issuerRefsEqual(request.spec().issuerRef(), spec.issuerRef())) v.add("spec.issuerRef");
        return List.copyOf(v);
    }

    /**
     * The loose comparison of an issued certificate with the spec, used when the current request is gone: the CN and
     * DNS names may move between the subject and the SANs (issuers promote one to the other); IP, URI and email SANs
     * must match.
     */
    static List<String> fuzzyCertificateViolations(X509CertificateHolder cert, CertificateSpec spec) {
        X509Names names = X509Names.of(cert.getSubject(), cert.getExtensions());
        List<String> v = new ArrayList<>();
        Set<String> expected = new HashSet<>(spec.dnsNames());
        if (!spec.commonName().isEmpty()) expected.add(spec.commonName());
        Set<String> actual = new HashSet<>(names.dnsNames());
        if (!names.commonName().isEmpty()) actual.add(names.commonName());
        if (!actual.equals(expected)) {
            if ((!spec.commonName().isEmpty() && !actual.contains(spec.commonName()))
                    || (!names.commonName().isEmpty() && !expected.contains(names.commonName()))) {
                v.add("spec.commonName");
            }
            if (!actual.containsAll(spec.dnsNames()) || !expected.containsAll(names.dnsNames())) v.add("spec.dnsNames");
        }
        if (!ipsMatch(names.ipAddresses(), spec.ipAddresses())) v.add("spec.ipAddresses");
        if (!equalUnsorted(names.uris(), spec.uris())) v.add("spec.uris");
        if (!equalUnsorted(names.emailAddresses(), spec.emailAddresses())) v.add("spec.emailAddresses");
        return List.copyOf(v);
    }

    static boolean issuerRefsEqual(IssuerRef a, IssuerRef b) {
        return a.name().equals(b.name())
                && orDefault(a.kind(), "Issuer").equals(orDefault(b.kind(), "Issuer"))
                && orDefault(a.group(), IssuerRef.CERT_MANAGER_GROUP).equals(orDefault(b.group(), IssuerRef.CERT_MANAGER_GROUP));
    }

    static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static boolean ipsMatch(List<InetAddress> actual, List<String> wanted) {
        List<String> parsed = new ArrayList<>();
        for (String s : wanted) {
            // A value that is not an IP literal can never match (and IpLiteral never looks a name up).
            Optional<InetAddress> ip = IpLiteral.parse(s);
            if (ip.isEmpty()) return false;
            parsed.add(ip.get().getHostAddress());
        }
        return equalUnsorted(actual.stream().map(InetAddress::getHostAddress).toList(), parsed);
    }

    private static List<String> keys(List<OtherName> names) {
        return names.stream().map(n -> n.oid() + "=" + n.utf8Value()).toList();
    }

    private static boolean equalUnsorted(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        return a.stream().sorted().toList().equals(b.stream().sorted(Comparator.naturalOrder()).toList());
    }

    /**
     * The literal subject in DER order, parsed by the manifest's {@link LiteralSubject} as the CSR builder encodes it,
     * so a request built from the spec always matches it.
     */
    private static RDN[] literalRdns(String literal) {
        try {
            return LiteralSubject.parse(literal).toX500Name().getRDNs();
        } catch (IllegalArgumentException e) {
            throw new DecodeException("invalid literalSubject " + GoQuote.quote(literal) + ": " + e.getMessage());
        }
    }

    /** Each RDN as its (type, string value) pairs, so that a PrintableString and a UTF8String of one text are equal. */
    private static List<List<String>> rdns(RDN[] rdns) {
        List<List<String>> out = new ArrayList<>();
        for (RDN rdn : rdns) {
            List<String> pairs = new ArrayList<>();
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String value = atv.getValue() instanceof ASN1String s ? s.getString() : Objects.toString(atv.getValue());
                pairs.add(atv.getType().getId() + "=" + value);
            }
            out.add(pairs);
        }
        return out;
    }
}
