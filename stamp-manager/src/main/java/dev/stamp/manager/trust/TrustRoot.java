package dev.stamp.manager.trust;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.Pem;

import javax.security.auth.x500.X500Principal;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The root certificate to trust: a self-signed CA certificate, with the names Stamp files it under in every store.
 * Immutable and thread-safe.
 */
public record TrustRoot(X509Certificate certificate) {
    public TrustRoot {
        if (certificate == null) throw new IllegalArgumentException("certificate is required");
        String subject = certificate.getSubjectX500Principal().getName();
        if (certificate.getBasicConstraints() < 0) {
            throw StampException.invalidArgument("'" + subject + "' is not a CA certificate (no basicConstraints cA): only a root can be trusted");
        }
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            throw StampException.invalidArgument("'" + subject + "' is issued by '" + certificate.getIssuerX500Principal().getName()
                    + "', not self-signed: trust the root of the hierarchy");
        }
        try {
            certificate.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw StampException.invalidArgument("'" + subject + "' is not signed by its own key: " + e.getMessage());
        }
    }

    /** One certificate, PEM or DER. */
    public static TrustRoot read(byte[] pemOrDer, String source) {
        List<org.bouncycastle.cert.X509CertificateHolder> certs;
        try {
            certs = Pem.certificates(pemOrDer);
        } catch (StampException e) {
            throw new StampException(e.code(), source + ": " + e.getMessage());
        }
        if (certs.size() != 1) throw StampException.invalidArgument(source + " holds " + certs.size() + " certificates, expected the root alone");
        return new TrustRoot(x509(Pem.encoded(certs.getFirst())));
    }

    static X509Certificate x509(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw StampException.malformedCertificate("not a valid X.509 certificate: " + e.getMessage());
        }
    }

    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String pem() {
        return Pem.encode("CERTIFICATE", der());
    }

    public Fingerprint fingerprint() {
        return Fingerprint.of(der());
    }

    /** The subject's common name, else the whole subject. */
    public String commonName() {
        X500Principal p = certificate.getSubjectX500Principal();
        org.bouncycastle.asn1.x500.X500Name name = org.bouncycastle.asn1.x500.X500Name.getInstance(p.getEncoded());
        var cns = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        if (cns.length > 0) return org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cns[0].getFirst().getValue());
        return p.getName();
    }

    /**
     * A file-name-safe label: the common name (letters, digits, '.', '-', '_'; anything else becomes '_'; at most 64
     * characters) and the first 16 hex of the fingerprint, e.g. {@code Example_Root_CA-0123456789abcdef}.
     */
    public String label() {
        String cn = commonName().replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("_+", "_").replaceAll("^[._]+", "");
        if (cn.length() > 64) cn = cn.substring(0, 64);
        return (cn.isEmpty() ? "root" : cn) + "-" + fingerprint().shortHex();
    }

    /** The Java alias and NSS nickname Stamp uses: {@code stamp-<16 hex of the fingerprint>}. */
    public String alias() {
        return "stamp-" + fingerprint().shortHex();
    }

    /** Whether {@code other} is this very certificate (same DER). */
    public boolean sameAs(java.security.cert.Certificate other) {
        try {
            return other != null && java.util.Arrays.equals(der(), other.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }
}
