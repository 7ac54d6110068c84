package dev.stamp.manager.key;

import dev.stamp.core.crypto.Pem;
import dev.stamp.manager.manifest.IpLiteral;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.NameConstraints;
import dev.stamp.manager.spec.OtherName;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.IOException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the PEM CSR a Certificate's CertificateRequest carries, as cert-manager's {@code pki.GenerateCSR} does:
 * subject from {@code literalSubject} (RFC 4514, order kept) or from {@code commonName} + {@code subject}; SANs
 * (DNS, IP, URI, email, otherName with a UTF8String value; critical when the subject is empty, RFC 5280 4.2.1.6);
 * an extension request with the critical key usage and the extended key usages when {@code encodeUsagesInRequest},
 * critical basicConstraints CA:true when {@code isCA}, and the name constraints when set. Thread-safe.
 */
public final class CsrBuilder {
    private final SecureRandom random;

    public CsrBuilder(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * @throws IllegalArgumentException naming the bad value when the spec cannot be turned into a CSR (bad literal
     *                                  subject, IP address, CIDR, OID, or a signature algorithm that does not fit the key)
     */
    public String build(CertificateSpec spec, KeyPair key) {
        X500Name subject = Subjects.of(spec);
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        try {
            GeneralNames sans = subjectAlternativeNames(spec);
            if (sans != null) {
                extensions.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0, sans);
            }
            if (spec.encodeUsagesInRequest()) {
                addUsages(extensions, spec);
            }
            if (spec.isCA()) {
                extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            }
            if (spec.nameConstraints() != null) {
                extensions.addExtension(Extension.nameConstraints, spec.nameConstraints().critical(), nameConstraints(spec.nameConstraints()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CSR extensions: " + e.getMessage(), e);
        }
        JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic());
        if (!extensions.isEmpty()) {
            builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
        }
        String algorithm = Signatures.jcaName(spec.signatureAlgorithm(), key.getPublic());
        try {
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setSecureRandom(random).build(key.getPrivate());
            PKCS10CertificationRequest csr = builder.build(signer);
            return Pem.csr(csr);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CSR with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(CertificateSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        spec.dnsNames().forEach(d -> names.add(new GeneralName(GeneralName.dNSName, d)));
        spec.ipAddresses().forEach(ip -> names.add(ipAddress(ip, "ipAddresses")));
        spec.uris().forEach(u -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
        spec.emailAddresses().forEach(e -> names.add(new GeneralName(GeneralName.rfc822Name, e)));
        for (OtherName other : spec.otherNames()) {
            names.add(new GeneralName(GeneralName.otherName,
                    new org.bouncycastle.asn1.x509.OtherName(oid(other.oid(), "otherNames"), new DERUTF8String(other.utf8Value()))));
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    /** cert-manager's {@code KeyUsagesForCertificateOrCertificateRequest}: isCA adds cert sign; EKUs de-duplicated. */
    private static void addUsages(ExtensionsGenerator extensions, CertificateSpec spec) throws IOException {
        List<KeyUsage> usages = spec.usages().isEmpty() ? CertificateSpec.DEFAULT_USAGES : spec.usages();
        int bits = spec.isCA() ? KeyUsage.CERT_SIGN.keyUsageBit() : 0;
        Set<String> ekus = new LinkedHashSet<>();
        for (KeyUsage usage : usages) {
            bits |= usage.keyUsageBit();
            usage.extendedKeyUsageOid().ifPresent(ekus::add);
        }
        if (bits != 0) {
            extensions.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(bits));
        }
        if (!ekus.isEmpty()) {
            KeyPurposeId[] ids = ekus.stream().map(o -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(o))).toArray(KeyPurposeId[]::new);
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(ids));
        }
    }

    private static org.bouncycastle.asn1.x509.NameConstraints nameConstraints(NameConstraints nc) {
        GeneralSubtree[] permitted = subtrees(nc.permitted());
        GeneralSubtree[] excluded = subtrees(nc.excluded());
        return new org.bouncycastle.asn1.x509.NameConstraints(permitted, excluded);
    }

    private static GeneralSubtree[] subtrees(NameConstraints.Items items) {
        if (items == null) return null;
        List<GeneralSubtree> out = new ArrayList<>();
        items.dnsDomains().forEach(d -> out.add(new GeneralSubtree(new GeneralName(GeneralName.dNSName, d))));
        items.ipRanges().forEach(r -> out.add(new GeneralSubtree(cidr(r))));
        items.emailAddresses().forEach(e -> out.add(new GeneralSubtree(new GeneralName(GeneralName.rfc822Name, e))));
        items.uriDomains().forEach(u -> out.add(new GeneralSubtree(new GeneralName(GeneralName.uniformResourceIdentifier, u))));
        return out.isEmpty() ? null : out.toArray(GeneralSubtree[]::new);
    }

    private static GeneralName ipAddress(String ip, String field) {
        if (IpLiteral.parse(ip).isEmpty()) {
            throw new IllegalArgumentException(field + ": '" + ip + "' is not an IP address");
        }
        return new GeneralName(GeneralName.iPAddress, ip);
    }

    private static GeneralName cidr(String range) {
        if (!IpLiteral.isCidr(range)) {
            throw new IllegalArgumentException("nameConstraints ipRanges: '" + range + "' is not a CIDR range");
        }
        return new GeneralName(GeneralName.iPAddress, range);
    }

    private static ASN1ObjectIdentifier oid(String oid, String field) {
        try {
            return new ASN1ObjectIdentifier(oid);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + oid + "' is not a valid OID", e);
        }
    }
}
