package dev.stamp.cli;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Generates a subscriber's key pair and CSR on this machine, for {@code stamp cert issue --dns ...}. */
final class LocalKeys {
    private LocalKeys() {}

    record KeyAndCsr(KeyPair keys, byte[] csr) {
        String privateKeyPem() {
            return Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    static KeyAndCsr generate(CryptoProviders providers, KeyAlgorithm algorithm, List<String> dnsNames, List<String> ips, SecureRandom random) {
        try {
            KeyPairGenerator g = providers.keyPairGenerator(algorithm);
            if (algorithm.spec() != null) g.initialize(algorithm.spec(), random);
            KeyPair keys = g.generateKeyPair();
            X500Name subject = dnsNames.isEmpty() ? new X500Name(new org.bouncycastle.asn1.x500.RDN[0])
                    : new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, dnsNames.getFirst()).build();
            List<GeneralName> names = new ArrayList<>();
            for (String d : dnsNames) names.add(new GeneralName(GeneralName.dNSName, d));
            for (String ip : ips) names.add(new GeneralName(GeneralName.iPAddress, ip));
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, dnsNames.isEmpty(), new GeneralNames(names.toArray(GeneralName[]::new)));
            var builder = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            String sigAlg = algorithm.defaultSigningAlgorithm().jcaName();
            var signer = new JcaContentSignerBuilder(sigAlg).setProvider(providers.bouncyCastle()).build(keys.getPrivate());
            return new KeyAndCsr(keys, builder.build(signer).getEncoded());
        } catch (IllegalArgumentException e) {
            throw new UserError("invalid name: " + e.getMessage());
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
        }
    }
}
