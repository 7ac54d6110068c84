package dev.stamp.store;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Date;

/** Real P-256 keys, CA certificates and CSRs made with Bouncy Castle, for storing and reading back. */
final class TestPki {
    private TestPki() {}

    static KeyPair p256() {
        return dev.stamp.core.testing.Csrs.p256();
    }

    static X509CertificateHolder caCertificate(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey,
                                               BigInteger serial, Instant notBefore, Instant notAfter, int pathLength) {
        try {
            var builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore), Date.from(notAfter), subject, key)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return builder.build(signer(issuerKey));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf with the given CN and DNS SANs, signed by a throwaway key: real DER for the name filter to read. */
    static byte[] leaf(BigInteger serial, String commonName, Instant notAfter, String... dnsNames) {
        try {
            KeyPair key = p256();
            var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Test Issuer"), serial, Date.from(notAfter.minusSeconds(86_400)),
                    Date.from(notAfter), new X500Name("CN=" + commonName + ",O=Example"), key.getPublic());
            if (dnsNames.length > 0) {
                var names = java.util.Arrays.stream(dnsNames).map(n -> new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName, n))
                        .toArray(org.bouncycastle.asn1.x509.GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new org.bouncycastle.asn1.x509.GeneralNames(names));
            }
            return builder.build(signer(key.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PKCS10CertificationRequest csr(X500Name subject, KeyPair key) {
        return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic()).build(signer(key.getPrivate()));
    }

    private static ContentSigner signer(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
