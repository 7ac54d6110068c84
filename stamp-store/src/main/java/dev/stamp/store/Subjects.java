package dev.stamp.store;

import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.SubjectAttribute;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A CA subject as stored: one "oid=value" line per attribute, in order, plus whether the attributes are custom
 * OIDs rather than AWS's named set. Text rather than the X.500 DER because the DER would not give the exact
 * values back (a value starting with '#' or '\' is reinterpreted when the name is built). Only '%', CR and LF
 * are escaped, so the column stays readable.
 */
final class Subjects {
    private Subjects() {}

    static String encode(CaSubject subject) {
        StringBuilder text = new StringBuilder();
        for (CaSubject.Entry e : subject.entries()) {
            if (!text.isEmpty()) text.append('\n');
            text.append(e.oid().getId()).append('=').append(escape(e.value()));
        }
        return text.toString();
    }

    static boolean custom(CaSubject subject) {
        return subject.entries().stream().anyMatch(e -> e.attribute() == null);
    }

    static CaSubject decode(String text, boolean custom) {
        List<CaSubject.Entry> entries = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            int eq = line.indexOf('=');
            if (eq < 0) throw new IllegalStateException("stored CA subject line is not oid=value: '" + line + "'");
            ASN1ObjectIdentifier oid = new ASN1ObjectIdentifier(line.substring(0, eq));
            SubjectAttribute attribute = custom ? null : named(oid);
            entries.add(new CaSubject.Entry(oid, attribute, unescape(line.substring(eq + 1))));
        }
        return new CaSubject(entries);
    }

    private static SubjectAttribute named(ASN1ObjectIdentifier oid) {
        for (SubjectAttribute a : SubjectAttribute.values()) {
            if (a.oid().equals(oid)) return a;
        }
        throw new IllegalStateException("stored CA subject has " + oid + ", which is not a named subject attribute");
    }

    private static String escape(String value) {
        return value.replace("%", "%25").replace("\n", "%0A").replace("\r", "%0D");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                out.append((char) Integer.parseInt(value.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
