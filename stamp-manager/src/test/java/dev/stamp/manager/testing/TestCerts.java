package dev.stamp.manager.testing;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** A real three-level PKI (P-256) for tests: root, intermediate, and leaves for any public key. */
public final class TestCerts {
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    public static final Instant NOT_BEFORE = NOW.minus(Duration.ofDays(1));
    public static final Instant NOT_AFTER = NOW.plus(Duration.ofDays(89));

    public final KeyPair rootKey = p256();
    public final X509CertificateHolder root;
    public final KeyPair intermediateKey = p256();
    public final X509CertificateHolder intermediate;
    private long serial = 0x1000;

    public TestCerts() {
        root = sign(new X500Name("CN=Test Root,O=Stamp Tests"), rootKey.getPublic(), new X500Name("CN=Test Root,O=Stamp Tests"), rootKey,
                NOT_BEFORE.minus(Duration.ofDays(30)), NOT_AFTER.plus(Duration.ofDays(365)), true, null);
        intermediate = sign(new X500Name("CN=Test Intermediate,O=Stamp Tests"), intermediateKey.getPublic(), root.getSubject(), rootKey,
                NOT_BEFORE.minus(Duration.ofDays(10)), NOT_AFTER.plus(Duration.ofDays(100)), true, null);
    }

    public static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server leaf for the DNS names, signed by the intermediate, with CRL and OCSP URLs. */
    public X509CertificateHolder leaf(PublicKey key, String subject, String... dnsNames) {
        GeneralName[] names = new GeneralName[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
        return sign(new X500Name(subject), key, intermediate.getSubject(), intermediateKey, NOT_BEFORE, NOT_AFTER, false,
                names.length == 0 ? null : new GeneralNames(names));
    }

    public X509CertificateHolder leaf(PublicKey key, String subject, GeneralNames sans) {
        return sign(new X500Name(subject), key, intermediate.getSubject(), intermediateKey, NOT_BEFORE, NOT_AFTER, false, sans);
    }

    /** PEM of leaf, intermediate and root, as an issuer that also returns its root would send it. */
    public String chainWithRoot(X509CertificateHolder leaf) {
        return Pem.certificates(List.of(leaf, intermediate, root));
    }

    public String chain(X509CertificateHolder leaf) {
        return Pem.certificates(List.of(leaf, intermediate));
    }

    public String rootPem() {
        return Pem.certificate(root);
    }

    private X509CertificateHolder sign(X500Name subject, PublicKey key, X500Name issuer, KeyPair issuerKey, Instant from,
                                       Instant to, boolean ca, GeneralNames sans) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial++),
                    Date.from(from), Date.from(to), subject, key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{
                        new DistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, "http://pki.example.net/crl/int.crl"))), null, null)}));
                b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, "http://pki.example.net/ocsp")));
            }
            if (sans != null) b.addExtension(Extension.subjectAlternativeName, false, sans);
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
