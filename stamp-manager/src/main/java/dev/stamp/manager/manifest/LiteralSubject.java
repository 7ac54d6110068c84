package dev.stamp.manager.manifest;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code spec.literalSubject}: an RFC 4514 distinguished name kept exactly as written, in the RDN order of its string
 * (the string lists the last RDN first). Attribute types are cert-manager's names (C, O, OU, CN, SERIALNUMBER, L,
 * ST, STREET, DC, UID; case-insensitive as RFC 4514 says) or dotted OIDs; any other name is refused, as is the
 * {@code #hex} value form. Immutable.
 */
public record LiteralSubject(List<List<Attribute>> rdns) {
    /** One attribute: its OID and its string value. */
    public record Attribute(String oid, String value) {
    }

    static final String COMMON_NAME = "2.5.4.3";
    private static final Map<String, String> NAMES = Map.of(
            "C", "2.5.4.6", "O", "2.5.4.10", "OU", "2.5.4.11", "CN", COMMON_NAME, "SERIALNUMBER", "2.5.4.5",
            "L", "2.5.4.7", "ST", "2.5.4.8", "STREET", "2.5.4.9", "DC", "0.9.2342.19200300.100.1.25",
            "UID", "0.9.2342.19200300.100.1.1");

    public LiteralSubject {
        rdns = rdns.stream().map(List::copyOf).toList();
    }

    /**
     * Parses an RFC 4514 string; throws {@link IllegalArgumentException} naming the problem, e.g.
     * {@code Literal subject contains unrecognized key with value [foo]}.
     */
    public static LiteralSubject parse(String text) {
        if (text.contains("=#")) {
            throw new IllegalArgumentException("unsupported distinguished name (DN) " + GoQuote.quote(text)
                    + ": notation does not support x509.subject identities containing \"=#\"");
        }
        List<List<Attribute>> inStringOrder = new ArrayList<>();
        List<Attribute> rdn = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("DN ended with incomplete type, value pair");
            }
            String type = text.substring(i, equals).strip();
            String oid = oidOf(type).orElse(null);
            StringBuilder value = new StringBuilder();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            i = equals + 1;
            while (i < text.length() && text.charAt(i) == ' ') {
                i++;
            }
            boolean quoted = i < text.length() && text.charAt(i) == '"';
            if (quoted) {
                i++;
            }
            int trailingSpaces = 0;
            char end = 0;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted && c == '"') {
                    quoted = false;
                    continue;
                }
                if (!quoted && (c == ',' || c == '+' || c == ';')) {
                    end = c;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= text.length()) {
                        throw new IllegalArgumentException("got corrupted escaped character");
                    }
                    char next = text.charAt(i + 1);
                    if (Character.digit(next, 16) >= 0 && i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                        pending.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        flush(pending, value);
                        value.append(next);
                        i += 1;
                    }
                    trailingSpaces = 0;
                    continue;
                }
                flush(pending, value);
                value.append(c);
                trailingSpaces = c == ' ' && !quoted ? trailingSpaces + 1 : 0;
            }
            if (quoted) {
                throw new IllegalArgumentException("unclosed quoted value in DN");
            }
            flush(pending, value);
            value.setLength(value.length() - trailingSpaces);
            if (type.isEmpty()) {
                throw new IllegalArgumentException("DN contains an attribute with an empty type");
            }
            if (oid == null) {
                throw new IllegalArgumentException("Literal subject contains unrecognized key with value [" + value + "]");
            }
            rdn.add(new Attribute(oid, value.toString()));
            if (end != '+') {
                inStringOrder.add(rdn);
                rdn = new ArrayList<>();
            }
            i++;
            if (end != 0 && i >= text.length()) {
                throw new IllegalArgumentException("DN ended with incomplete type, value pair");
            }
        }
        if (inStringOrder.isEmpty()) {
            throw new IllegalArgumentException("DN is empty");
        }
        Collections.reverse(inStringOrder);
        return new LiteralSubject(inStringOrder);
    }

    /** The common name, if the subject has one (the last one when it has several). */
    public Optional<String> commonName() {
        String found = null;
        for (List<Attribute> rdn : rdns) {
            for (Attribute attribute : rdn) {
                if (attribute.oid.equals(COMMON_NAME)) {
                    found = attribute.value;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The subject as an X.500 name in encoding order. Values are PrintableString when they fit it and UTF8String
     * otherwise, as Go's encoder (cert-manager's) chooses.
     */
    public X500Name toX500Name() {
        RDN[] out = new RDN[rdns.size()];
        for (int r = 0; r < rdns.size(); r++) {
            List<Attribute> rdn = rdns.get(r);
            AttributeTypeAndValue[] values = new AttributeTypeAndValue[rdn.size()];
            for (int a = 0; a < rdn.size(); a++) {
                Attribute attribute = rdn.get(a);
                ASN1Encodable value = DERPrintableString.isPrintableString(attribute.value)
                        ? new DERPrintableString(attribute.value) : new DERUTF8String(attribute.value);
                values[a] = new AttributeTypeAndValue(new ASN1ObjectIdentifier(attribute.oid), value);
            }
            out[r] = new RDN(values);
        }
        return new X500Name(out);
    }

    private static Optional<String> oidOf(String type) {
        String named = NAMES.get(type.toUpperCase(Locale.ROOT));
        if (named != null) {
            return Optional.of(named);
        }
        return ObjectIdentifiers.isValid(type) ? Optional.of(type) : Optional.empty();
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder value) {
        if (pending.size() > 0) {
            value.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    }
}
