package dev.stamp.manager.secret;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Describes a TLS Secret like {@code cmctl inspect secret}: what the leaf in {@code tls.crt} is valid for (SANs,
 * usages), its validity period and state at {@code now}, issuer and subject, signature algorithm, serial, SHA-256
 * fingerprint, IsCA, CRL and OCSP URLs, and debugging facts: the chain length and whether {@code ca.crt} verifies
 * {@code tls.crt} (PKIX at {@code now}, revocation not checked). Never prints key material. Stateless.
 */
public final class SecretInspector {
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * @throws IllegalArgumentException when the Secret has no {@code tls.crt} or it holds no PEM certificate
     */
    public String describe(Secret secret, Instant now) {
        byte[] tlsCrt = secret.data().get(Secret.TLS_CRT);
        if (tlsCrt == null || tlsCrt.length == 0) {
            throw new IllegalArgumentException("Secret " + secret.metadata().namespace() + "/" + secret.metadata().name() + " has no tls.crt");
        }
        List<X509CertificateHolder> chain;
        try {
            chain = Pem.certificates(tlsCrt);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("tls.crt of Secret " + secret.metadata().name() + " is not PEM certificates: " + e.getMessage(), e);
        }
        List<X509CertificateHolder> cas = Optional.ofNullable(secret.data().get(Secret.CA_CRT))
                .filter(b -> b.length > 0).map(Pem::certificates).orElse(List.of());
        X509CertificateHolder leaf = chain.getFirst();
        StringBuilder out = new StringBuilder();
        out.append("Valid for:\n");
        list(out, "DNS Names", Names.sans(leaf, GeneralName.dNSName));
        list(out, "URIs", Names.sans(leaf, GeneralName.uniformResourceIdentifier));
        list(out, "IP Addresses", Names.sans(leaf, GeneralName.iPAddress));
        list(out, "Email Addresses", Names.sans(leaf, GeneralName.rfc822Name));
        list(out, "Usages", usages(leaf));
        out.append("\nValidity period:\n");
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        out.append("\tNot Before: ").append(RFC1123.format(notBefore)).append('\n');
        out.append("\tNot After: ").append(RFC1123.format(notAfter)).append('\n');
        out.append("\tStatus: ").append(state(notBefore, notAfter, now)).append('\n');
        out.append("\nIssued By:\n");
        name(out, leaf.getIssuer());
        out.append("\nIssued For:\n");
        name(out, leaf.getSubject());
        out.append("\nCertificate:\n");
        out.append("\tSigning Algorithm:\t").append(new DefaultAlgorithmNameFinder().getAlgorithmName(leaf.getSignatureAlgorithm())).append('\n');
        out.append("\tPublic Key Algorithm:\t").append(publicKeyAlgorithm(leaf.getSubjectPublicKeyInfo())).append('\n');
        out.append("\tSerial Number:\t").append(leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT)).append('\n');
        out.append("\tFingerprints:\t").append(fingerprint(leaf)).append('\n');
        BasicConstraints bc = BasicConstraints.fromExtensions(leaf.getExtensions());
        out.append("\tIs a CA certificate: ").append(bc != null && bc.isCA()).append('\n');
        inline(out, "CRL", crlUrls(leaf));
        inline(out, "OCSP", ocspUrls(leaf));
        out.append("\nDebugging:\n");
        out.append("\tChain length: ").append(chain.size()).append(" certificate").append(chain.size() == 1 ? "" : "s")
                .append(" in tls.crt").append(cas.isEmpty() ? ", no ca.crt" : ", " + cas.size() + " in ca.crt").append('\n');
        out.append("\tTrusted by ca.crt: ").append(trust(chain, cas, now)).append('\n');
        return out.toString();
    }

    private static String state(Instant notBefore, Instant notAfter, Instant now) {
        if (now.isBefore(notBefore)) return "not yet valid (valid from " + RFC1123.format(notBefore) + ")";
        if (!now.isBefore(notAfter)) return "expired " + human(Duration.between(notAfter, now)) + " ago";
        return "valid, expires in " + human(Duration.between(now, notAfter));
    }

    private static String human(Duration d) {
        if (d.toDays() > 0) return d.toDays() + "d" + d.toHoursPart() + "h";
        if (d.toHours() > 0) return d.toHours() + "h" + d.toMinutesPart() + "m";
        return d.toMinutes() + "m" + d.toSecondsPart() + "s";
    }

    /** cert-manager's usage names, for the key usage bits and extended key usages the leaf carries. */
    static List<String> usages(X509CertificateHolder cert) {
        List<String> out = new ArrayList<>();
        org.bouncycastle.asn1.x509.KeyUsage ku = org.bouncycastle.asn1.x509.KeyUsage.fromExtensions(cert.getExtensions());
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(cert.getExtensions());
        Set<String> ekus = new HashSet<>();
        if (eku != null) for (KeyPurposeId id : eku.getUsages()) ekus.add(id.getId());
        Set<String> seen = new HashSet<>();
        for (KeyUsage usage : KeyUsage.values()) {
            if (usage == KeyUsage.SIGNING || usage == KeyUsage.SMIME) continue; // aliases of other names
            boolean has = usage.isExtended()
                    ? ekus.contains(usage.extendedKeyUsageOid().orElseThrow())
                    : ku != null && ku.hasUsages(usage.keyUsageBit());
            if (has && seen.add(usage.manifestName())) out.add(usage.manifestName());
        }
        return out;
    }

    private static void name(StringBuilder out, X500Name name) {
        out.append("\tCommon Name:\t").append(orNone(Names.attribute(name, BCStyle.CN))).append('\n');
        out.append("\tOrganization:\t").append(orNone(Names.attribute(name, BCStyle.O))).append('\n');
        out.append("\tOrganizationalUnit:\t").append(orNone(Names.attribute(name, BCStyle.OU))).append('\n');
        out.append("\tCountry:\t").append(orNone(Names.attribute(name, BCStyle.C))).append('\n');
    }

    private static String orNone(List<String> values) {
        return values.isEmpty() ? "<none>" : String.join(", ", values);
    }

    private static void list(StringBuilder out, String label, List<String> values) {
        out.append('\t').append(label).append(':');
        if (values.isEmpty()) {
            out.append(" <none>\n");
            return;
        }
        out.append('\n');
        for (String v : values) out.append("\t\t- ").append(v).append('\n');
    }

    private static void inline(StringBuilder out, String label, List<String> values) {
        out.append('\t').append(label).append(":\t").append(orNone(values)).append('\n');
    }

    private static String publicKeyAlgorithm(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
        return switch (oid.getId()) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "ECDSA";
            case "1.3.101.112" -> "Ed25519";
            default -> oid.getId();
        };
    }

    private static String fingerprint(X509CertificateHolder cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Pem.encoded(cert));
            return "SHA-256 " + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<String> crlUrls(X509CertificateHolder cert) {
        List<String> out = new ArrayList<>();
        CRLDistPoint points = CRLDistPoint.fromExtensions(cert.getExtensions());
        if (points == null) return out;
        for (DistributionPoint p : points.getDistributionPoints()) {
            DistributionPointName dpn = p.getDistributionPoint();
            if (dpn != null && dpn.getType() == DistributionPointName.FULL_NAME) {
                uris(GeneralNames.getInstance(dpn.getName()), out);
            }
        }
        return out;
    }

    private static List<String> ocspUrls(X509CertificateHolder cert) {
        List<String> out = new ArrayList<>();
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(cert.getExtensions());
        if (aia == null) return out;
        for (AccessDescription d : aia.getAccessDescriptions()) {
            if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                uris(new GeneralNames(d.getAccessLocation()), out);
            }
        }
        return out;
    }

    private static void uris(GeneralNames names, List<String> out) {
        for (GeneralName n : names.getNames()) {
            if (n.getTagNo() == GeneralName.uniformResourceIdentifier) out.add(n.getName().toString());
        }
    }

    /** "yes", or "no: <why>" when ca.crt is missing or PKIX validation of tls.crt against it fails at {@code now}. */
    static String trust(List<X509CertificateHolder> chain, List<X509CertificateHolder> cas, Instant now) {
        if (cas.isEmpty()) return "no: the Secret has no ca.crt";
        try {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509CertificateHolder ca : cas) anchors.add(new TrustAnchor(converter.getCertificate(ca), null));
            List<X509Certificate> path = new ArrayList<>();
            for (X509CertificateHolder c : chain) {
                if (path.isEmpty() || !TlsSecretBuilder.selfSigned(c)) path.add(converter.getCertificate(c));
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
            return "yes";
        } catch (java.security.cert.CertPathValidatorException e) {
            return "no: " + e.getMessage();
        } catch (java.security.GeneralSecurityException e) {
            return "no: " + e.getMessage();
        }
    }

}
