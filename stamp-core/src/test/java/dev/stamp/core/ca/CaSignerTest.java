package dev.stamp.core.ca;

import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.testing.EphemeralKeyVault;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.vault.VaultKey;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The certificate assembled from TBS bytes is the DER Bouncy Castle would encode, and its signature verifies. */
class CaSignerTest {
    private final EphemeralKeyVault vault = new EphemeralKeyVault(TestPki.PROVIDERS, new SecureRandom());
    private final CaSigner signer = new CaSigner(vault);

    @ParameterizedTest(name = "{0} with {1} bytes of padding extension")
    @CsvSource({"EC_prime256v1, SHA256WITHECDSA, 0", "EC_prime256v1, SHA256WITHECDSA, 300", "RSA_2048, SHA256WITHRSA, 70000"})
    void aCertificateSignedFromItsTbsBytesIsCanonicalDerAndVerifies(KeyAlgorithm keyAlgorithm, SigningAlgorithm algorithm, int padding) throws Exception {
        VaultKey key = vault.generate(keyAlgorithm);
        TBSCertificate tbs = tbs(key, algorithm, padding);

        byte[] der = signer.signEncoded(tbs.getEncoded(ASN1Encoding.DER), key.keyId(), algorithm);

        X509CertificateHolder parsed = new X509CertificateHolder(der);
        assertThat(parsed.toASN1Structure().getEncoded(ASN1Encoding.DER)).isEqualTo(der); // lengths in their shortest form
        assertThat(parsed.toASN1Structure().getTBSCertificate()).isEqualTo(tbs);
        assertThat(parsed.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key.publicKey()))).isTrue();
    }

    private static TBSCertificate tbs(VaultKey key, SigningAlgorithm algorithm, int padding) {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(new ASN1Integer(42));
        g.setSignature(algorithm.identifier());
        g.setIssuer(new X500Name("CN=Signer Test"));
        g.setSubject(new X500Name("CN=Signer Test"));
        Instant now = Instant.parse("2026-11-30T00:00:00Z");
        g.setStartDate(new Time(Date.from(now), Locale.ROOT));
        g.setEndDate(new Time(Date.from(now.plusSeconds(3600)), Locale.ROOT));
        g.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()));
        if (padding > 0) {
            try {
                ExtensionsGenerator e = new ExtensionsGenerator();
                e.addExtension(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false, new DERUTF8String("x".repeat(padding)));
                g.setExtensions(e.generate());
            } catch (java.io.IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return g.generateTBSCertificate();
    }
}
