package dev.stamp.server;

import dev.stamp.core.Pki;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayInputStream;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Issues the API listener's own TLS certificate from a Stamp CA at start. The key is generated in memory and is
 * never written anywhere: each start gets a fresh key and a short-lived certificate.
 */
public final class ServerCertificates {
    static final Validity VALIDITY = Validity.days(30);

    private ServerCertificates() {}

    /** A P-256 key and a serverAuth certificate for the host names and IP literals given, issued by {@code caId}. */
    public static TlsMaterial issue(Pki pki, String caId, List<String> hosts, SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            List<GeneralName> names = new ArrayList<>();
            for (String h : hosts) {
                boolean ip = h.matches("[0-9.]+") || h.contains(":");
                names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h));
            }
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + hosts.getFirst()), pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            IssuedCertificate issued = pki.issuance().issue(new IssueRequest(caId, csr.getEncoded(), null,
                    Template.named("EndEntityServerAuthCertificate/V1"), VALIDITY, null, null, null, "stamp server"));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(x509(issued.certificate()));
            for (X509CertificateHolder c : issued.chain()) chain.add(x509(c));
            return new TlsMaterial(pair.getPrivate(), chain);
        } catch (java.io.IOException | java.security.GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot issue the server's TLS certificate: " + e.getMessage(), e);
        }
    }

    static X509Certificate x509(X509CertificateHolder holder) throws java.io.IOException, java.security.cert.CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
    }
}
