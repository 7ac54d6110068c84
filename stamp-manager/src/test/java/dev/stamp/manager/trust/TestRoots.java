package dev.stamp.manager.trust;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

/**
 * Real P-256 roots and TLS server leaves for the store tests. Validity is fixed (2020 to 2090) so that the external
 * verifiers, which check against the real time, accept them on any day a test runs.
 */
record TestRoots(KeyPair key, X509Certificate certificate) {
    static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2090-01-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    static TestRoots root(String cn) {
        try {
            KeyPair key = p256();
            X500Name name = new X500Name("CN=" + cn + ",O=Stamp tests");
            var b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, key.getPublic());
            var ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
            return new TestRoots(key, sign(b, key));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TrustRoot trustRoot() {
        return new TrustRoot(certificate);
    }

    /** A TLS server certificate for {@code dns} signed by this root. */
    X509Certificate leaf(String dns) {
        try {
            KeyPair key = p256();
            var b = new JcaX509v3CertificateBuilder(certificate, new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(NOT_BEFORE.plusSeconds(60)),
                    Date.from(NOT_AFTER.minusSeconds(60)), new X500Name("CN=" + dns), key.getPublic());
            var ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            return sign(b, this.key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Path writePem(Path file, X509Certificate cert) throws Exception {
        Files.writeString(file, Pem.encode("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        return file;
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
    }
}
