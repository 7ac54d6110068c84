package dev.stamp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.store.CertificateRecord;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

import java.io.PrintWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the CLI shows CAs and certificates: aligned text for people, JSON for scripts. */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {}

    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 fingerprint as colon-separated upper-case hex, as openssl prints it. */
    static String fingerprint(X509CertificateHolder cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(Pem.encoded(cert));
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static Map<String, Object> ca(CertificateAuthority ca, String defaultCaId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", ca.id());
        m.put("type", ca.type().name());
        m.put("status", ca.status().name());
        m.put("subject", ca.subject().toString());
        m.put("keyAlgorithm", ca.keyAlgorithm().name());
        m.put("signingAlgorithm", ca.signingAlgorithm().name());
        m.put("usageMode", ca.usageMode().name());
        m.put("level", ca.depth());
        m.put("default", ca.id().equals(defaultCaId));
        if (ca.certificate() != null) {
            m.put("serial", ca.certificate().getSerialNumber().toString(16));
            m.put("notBefore", ca.notBefore().toString());
            m.put("notAfter", ca.notAfter().toString());
            m.put("pathLength", ca.pathLengthConstraint() == null ? null : ca.pathLengthConstraint().intValue());
            m.put("sha256Fingerprint", fingerprint(ca.certificate()));
            m.put("issuer", ca.certificate().getIssuer().toString());
        }
        m.put("createdAt", ca.createdAt().toString());
        if (ca.restorableUntil() != null) m.put("restorableUntil", ca.restorableUntil().toString());
        m.put("crlEnabled", ca.revocation().crlEnabled());
        m.put("ocspEnabled", ca.revocation().ocspEnabled());
        m.put("ocspSigner", ca.revocation().ocspSigning().name());
        return m;
    }

    static Map<String, Object> certificate(CertificateRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("serial", r.serialHex());
        m.put("caId", r.caId());
        m.put("state", r.state().name());
        m.put("subject", r.subject());
        m.put("template", r.template());
        m.put("notBefore", r.notBefore().toString());
        m.put("notAfter", r.notAfter().toString());
        m.put("createdAt", r.createdAt().toString());
        if (r.state() == dev.stamp.core.store.CertificateState.ISSUED) {
            X509CertificateHolder c = Pem.certificate(r.der());
            m.put("subjectAlternativeNames", names(c));
            m.put("sha256Fingerprint", fingerprint(c));
        }
        return m;
    }

    static List<String> names(X509CertificateHolder c) {
        GeneralNames names = GeneralNames.fromExtensions(c.getExtensions(), Extension.subjectAlternativeName);
        List<String> out = new ArrayList<>();
        if (names == null) return out;
        for (GeneralName n : names.getNames()) {
            String kind = switch (n.getTagNo()) {
                case GeneralName.dNSName -> "DNS";
                case GeneralName.iPAddress -> "IP";
                case GeneralName.rfc822Name -> "email";
                case GeneralName.uniformResourceIdentifier -> "URI";
                default -> "name" + n.getTagNo();
            };
            String value = n.getTagNo() == GeneralName.iPAddress ? ip(n) : n.getName().toString();
            out.add(kind + ":" + value);
        }
        return out;
    }

    private static String ip(GeneralName n) {
        byte[] b = org.bouncycastle.asn1.ASN1OctetString.getInstance(n.getName()).getOctets();
        try {
            return java.net.InetAddress.getByAddress(b).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return HexFormat.of().formatHex(b);
        }
    }

    /** Prints rows as aligned columns; the first row is the header. */
    static void table(PrintWriter out, List<List<String>> rows) {
        if (rows.isEmpty()) return;
        int[] width = new int[rows.getFirst().size()];
        for (List<String> r : rows) for (int i = 0; i < r.size(); i++) width[i] = Math.max(width[i], r.get(i).length());
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) b.append("  ");
                b.append(i == r.size() - 1 ? r.get(i) : String.format(Locale.ROOT, "%-" + width[i] + "s", r.get(i)));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    /** Key/value lines, keys aligned. */
    static void details(PrintWriter out, Map<String, Object> m) {
        int w = m.keySet().stream().mapToInt(String::length).max().orElse(0);
        m.forEach((k, v) -> {
            if (v == null) return;
            String value = v instanceof List<?> l ? String.join(", ", l.stream().map(Object::toString).toList()) : v.toString();
            out.println(String.format(Locale.ROOT, "%-" + (w + 1) + "s %s", k + ":", value));
        });
    }
}
