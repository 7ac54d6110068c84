package dev.stamp.bench;

import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.KeyFamily;
import dev.stamp.core.crypto.Pem;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * Pre-generated end-entity CSRs, so that key generation stays out of what is measured. The leaf keys are of the
 * issuing CA's family: P-256 for EC, RSA-2048 for RSA. RSA key generation is slow, so RSA CSRs share a smaller set of
 * keys (each CSR still has its own subject and SAN, and its own signature to verify).
 */
final class LeafCsrs {
    static final int POOL = 1024;
    private static final int RSA_KEYS = 32;

    private LeafCsrs() {}

    /** {@code count} PEM CSRs for leaf keys of {@code issuer}'s family. */
    static byte[][] pem(KeyAlgorithm issuer, int count) {
        boolean rsa = issuer.family() == KeyFamily.RSA;
        int keys = rsa ? Math.min(RSA_KEYS, count) : count;
        KeyPair[] pairs = new KeyPair[keys];
        for (int i = 0; i < keys; i++) pairs[i] = rsa ? rsa2048() : p256();
        byte[][] csrs = new byte[count][];
        for (int i = 0; i < count; i++) {
            csrs[i] = Pem.encode("CERTIFICATE REQUEST", der(pairs[i % keys], "host-" + i + ".bench.stamp.example"))
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return csrs;
    }

    /** One DER CSR: subject CN=dns, one DNS SAN, SHA-256 with the key's family. */
    static byte[] der(KeyPair keys, String dns) {
        try {
            var b = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + dns), keys.getPublic());
            ExtensionsGenerator g = new ExtensionsGenerator();
            g.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, dns)));
            b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, g.generate());
            String alg = keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return b.build(new JcaContentSignerBuilder(alg).build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a benchmark CSR", e);
        }
    }

    static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
