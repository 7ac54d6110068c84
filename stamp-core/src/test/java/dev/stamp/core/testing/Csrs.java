package dev.stamp.core.testing;

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

/** Builds real CSRs for tests. */
public final class Csrs {
    private Csrs() {}

    public static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR for {@code subject} (may be "") with DNS SANs, signed by {@code keys}. */
    public static byte[] csr(KeyPair keys, String subject, String... dnsNames) {
        return csr(keys, subject, null, dnsNames);
    }

    public static byte[] csr(KeyPair keys, String subject, ExtensionsGenerator extra, String... dnsNames) {
        try {
            var b = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic());
            ExtensionsGenerator g = extra != null ? extra : new ExtensionsGenerator();
            if (dnsNames.length > 0) {
                GeneralName[] names = new GeneralName[dnsNames.length];
                for (int i = 0; i < names.length; i++) names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
                g.addExtension(Extension.subjectAlternativeName, subject.isEmpty(), new GeneralNames(names));
            }
            if (!g.isEmpty()) b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, g.generate());
            String alg = keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return b.build(new JcaContentSignerBuilder(alg).setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).build(keys.getPrivate())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
