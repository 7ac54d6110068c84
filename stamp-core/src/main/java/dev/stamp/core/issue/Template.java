package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An AWS Private CA certificate template: what the CA fixes (basic constraints, key usage, extended key usage)
 * and what it takes from the request ({@link Passthrough}). Precedence is template > API passthrough > CSR.
 * {@code keyUsage} or {@code extendedKeyUsage} null means "not fixed: from the API or CSR".
 * Immutable; the set of templates is {@link #all()}.
 */
public record Template(
        String name,
        Kind kind,
        Integer pathLength,
        boolean basicConstraintsCritical,
        Integer keyUsage,
        List<KeyPurposeId> extendedKeyUsage,
        boolean extendedKeyUsageCritical,
        Passthrough passthrough) {

    /** What the certificate is: a leaf, a self-signed root, or a subordinate CA. */
    public enum Kind { END_ENTITY, ROOT_CA, SUBORDINATE_CA;
        public boolean ca() { return this != END_ENTITY; }
    }

    public Template {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(passthrough, "passthrough");
        extendedKeyUsage = extendedKeyUsage == null ? null : List.copyOf(extendedKeyUsage);
    }

    public static final String DEFAULT = "EndEntityCertificate/V1";
    private static final String ARN_PREFIX = ":acm-pca:::template/";

    private static final int CA_KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign;
    private static final int TLS_KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;

    private static final Map<String, Template> ALL = build();

    /** Every template, by name ("EndEntityCertificate/V1"). */
    public static Map<String, Template> all() {
        return ALL;
    }

    /** Looks a template up by name ("EndEntityCertificate/V1", "EndEntityCertificate") or ARN. */
    public static Template named(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isBlank()) return ALL.get(DEFAULT);
        String name = nameOrArn;
        int arn = name.indexOf(ARN_PREFIX);
        if (name.startsWith("arn:") && arn > 0) name = name.substring(arn + ARN_PREFIX.length());
        if (!name.contains("/")) name = name + "/V1";
        Template t = ALL.get(name);
        if (t == null) {
            throw StampException.invalidArgument("unknown template '" + nameOrArn + "'; see 'stamp ca templates' or docs for the "
                    + ALL.size() + " AWS Private CA template names, e.g. " + DEFAULT);
        }
        return t;
    }

    /** The ARN AWS gives this template: {@code arn:<partition>:acm-pca:::template/<Name>/V1}. */
    public String arn(String partition) {
        return "arn:" + partition + ARN_PREFIX + name;
    }

    public boolean isCa() {
        return kind.ca();
    }

    /**
     * Whether this is a delegated OCSP responder's template (EKU id-kp-OCSPSigning): such a certificate carries
     * id-pkix-ocsp-nocheck and no CRL distribution point or OCSP URL (RFC 6960 section 4.2.2.2.1), since nobody can
     * ask the responder about its own certificate.
     */
    public boolean isOcspSigning() {
        return extendedKeyUsage != null && extendedKeyUsage.contains(KeyPurposeId.id_kp_OCSPSigning);
    }

    private static Map<String, Template> build() {
        List<Template> list = new ArrayList<>();
        var serverClient = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        record Leaf(String base, int ku, List<KeyPurposeId> eku, boolean ekuCritical) {}
        List<Leaf> leaves = List.of(
                new Leaf("EndEntityCertificate", TLS_KEY_USAGE, serverClient, false),
                new Leaf("EndEntityClientAuthCertificate", TLS_KEY_USAGE, List.of(KeyPurposeId.id_kp_clientAuth), false),
                new Leaf("EndEntityServerAuthCertificate", TLS_KEY_USAGE, List.of(KeyPurposeId.id_kp_serverAuth), false),
                new Leaf("CodeSigningCertificate", KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_codeSigning), true),
                new Leaf("OCSPSigningCertificate", KeyUsage.digitalSignature, List.of(KeyPurposeId.id_kp_OCSPSigning), true));
        for (Leaf l : leaves) {
            for (Passthrough p : Passthrough.values()) {
                list.add(new Template(name(l.base(), p), Kind.END_ENTITY, null, false, l.ku(), l.eku(), l.ekuCritical(), p));
            }
        }
        for (Passthrough p : List.of(Passthrough.CSR, Passthrough.API, Passthrough.API_CSR)) {
            list.add(new Template(name("BlankEndEntityCertificate", p), Kind.END_ENTITY, null, false, null, null, false, p));
            list.add(new Template(name("BlankEndEntityCertificate_CriticalBasicConstraints", p), Kind.END_ENTITY, null, true, null, null, false, p));
        }
        for (Passthrough p : List.of(Passthrough.NONE, Passthrough.API)) {
            list.add(new Template(name("RootCACertificate", p), Kind.ROOT_CA, null, true, CA_KEY_USAGE, List.of(), false, p));
        }
        list.add(new Template(name("BlankRootCACertificate", Passthrough.API), Kind.ROOT_CA, null, true, null, null, false, Passthrough.API));
        for (int n = 0; n <= 3; n++) {
            for (Passthrough p : Passthrough.values()) {
                list.add(new Template(name("SubordinateCACertificate_PathLen" + n, p), Kind.SUBORDINATE_CA, n, true, CA_KEY_USAGE, List.of(), false, p));
            }
            for (Passthrough p : List.of(Passthrough.CSR, Passthrough.API, Passthrough.API_CSR)) {
                list.add(new Template(name("BlankSubordinateCACertificate_PathLen" + n, p), Kind.SUBORDINATE_CA, n, true, null, null, false, p));
            }
            list.add(new Template(name("BlankRootCACertificate_PathLen" + n, Passthrough.API), Kind.ROOT_CA, n, true, null, null, false, Passthrough.API));
        }
        Map<String, Template> map = new LinkedHashMap<>();
        for (Template t : list) map.put(t.name(), t);
        return Collections.unmodifiableMap(map);
    }

    private static String name(String base, Passthrough p) {
        String suffix = switch (p) {
            case NONE -> "";
            case CSR -> "_CSRPassthrough";
            case API -> "_APIPassthrough";
            case API_CSR -> "_APICSRPassthrough";
        };
        return base + suffix + "/V1";
    }
}
