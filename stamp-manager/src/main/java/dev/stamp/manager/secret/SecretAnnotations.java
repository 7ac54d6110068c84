package dev.stamp.manager.secret;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.IssuerRef;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code cert-manager.io/*} annotations cert-manager puts on a Secret (its {@code AnnotationsForCertificate} plus
 * the Certificate and issuer names): read from the issued leaf, not from the spec, so they show what the issuer
 * actually granted; lists are CSV records as cert-manager's {@code JoinWithEscapeCSV} writes them. CN and the
 * DNS/IP/URI SAN lists are always written; the others only when not empty.
 */
final class SecretAnnotations {
    static final String PREFIX = "cert-manager.io/";
    static final String CERTIFICATE_NAME = CertificateRequest.CERTIFICATE_NAME_ANNOTATION;
    static final String ISSUER_NAME = Secret.ISSUER_NAME_ANNOTATION;
    static final String ISSUER_KIND = Secret.ISSUER_KIND_ANNOTATION;
    static final String ISSUER_GROUP = Secret.ISSUER_GROUP_ANNOTATION;
    static final String COMMON_NAME = PREFIX + "common-name";
    static final String ALT_NAMES = PREFIX + "alt-names";
    static final String IP_SANS = PREFIX + "ip-sans";
    static final String URI_SANS = PREFIX + "uri-sans";
    static final String EMAIL_SANS = PREFIX + "email-sans";

    private SecretAnnotations() {}

    static Map<String, String> of(Certificate certificate, X509CertificateHolder leaf) {
        Map<String, String> out = new LinkedHashMap<>();
        IssuerRef ref = certificate.spec().issuerRef();
        out.put(CERTIFICATE_NAME, certificate.metadata().name());
        out.put(ISSUER_NAME, ref.name());
        out.put(ISSUER_KIND, ref.kind().isEmpty() ? "Issuer" : ref.kind());
        out.put(ISSUER_GROUP, ref.group().isEmpty() ? IssuerRef.CERT_MANAGER_GROUP : ref.group());
        X500Name subject = leaf.getSubject();
        out.put(COMMON_NAME, Names.first(subject, BCStyle.CN));
        out.put(ALT_NAMES, csv(Names.sans(leaf, GeneralName.dNSName)));
        out.put(IP_SANS, csv(Names.sans(leaf, GeneralName.iPAddress)));
        out.put(URI_SANS, csv(Names.sans(leaf, GeneralName.uniformResourceIdentifier)));
        putIfAny(out, EMAIL_SANS, Names.sans(leaf, GeneralName.rfc822Name));
        putIfAny(out, PREFIX + "subject-organizations", Names.attribute(subject, BCStyle.O));
        putIfAny(out, PREFIX + "subject-organizationalunits", Names.attribute(subject, BCStyle.OU));
        putIfAny(out, PREFIX + "subject-countries", Names.attribute(subject, BCStyle.C));
        putIfAny(out, PREFIX + "subject-provinces", Names.attribute(subject, BCStyle.ST));
        putIfAny(out, PREFIX + "subject-localities", Names.attribute(subject, BCStyle.L));
        putIfAny(out, PREFIX + "subject-postalcodes", Names.attribute(subject, BCStyle.POSTAL_CODE));
        putIfAny(out, PREFIX + "subject-streetaddresses", Names.attribute(subject, BCStyle.STREET));
        String serial = Names.first(subject, BCStyle.SERIALNUMBER);
        if (!serial.isEmpty()) out.put(PREFIX + "subject-serialnumber", serial);
        return out;
    }

    private static void putIfAny(Map<String, String> out, String key, List<String> values) {
        if (!values.isEmpty()) out.put(key, csv(values));
    }

    /** cert-manager's {@code JoinWithEscapeCSV}: a CSV record, quoting values that hold a comma, quote or newline. */
    static String csv(List<String> values) {
        StringBuilder b = new StringBuilder();
        for (String v : values) {
            if (b.length() > 0) b.append(',');
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || v.startsWith(" ")) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.toString();
    }

}
