package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.KeyIdentifiers;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.crypto.SignatureVerifier;
import dev.stamp.core.issue.CertificateLinter;
import dev.stamp.core.issue.SerialNumbers;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.KeyUsage;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a certificate from a CertificateRequest the way cert-manager's selfSigned and ca issuers do: subject and
 * subject alternative names from the CSR (whose signature is verified first), key usages, extended key usages and
 * isCA from the request, notBefore now, notAfter now + duration (capped at the signer's own notAfter), a random
 * positive serial, subject and authority key identifiers, and the issuer's CRL, OCSP and CA-issuers URLs. The
 * to-be-signed certificate passes Stamp's linter before anything signs it. Thread-safe.
 */
final class CsrCertificates {
    private final SignatureVerifier verifier;
    private final SerialNumbers serials;

    CsrCertificates(SignatureVerifier verifier, SerialNumbers serials) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.serials = Objects.requireNonNull(serials, "serials");
    }

    /** Who signs: a key, its name, its key identifier and the end of its own validity (none for self-signed). */
    record Signer(PrivateKey key, X500Name name, byte[] keyIdentifier, Optional<Instant> notAfter) {
        Signer {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keyIdentifier, "keyIdentifier");
            Objects.requireNonNull(notAfter, "notAfter");
        }

        static Signer of(PrivateKey key, X509CertificateHolder certificate) {
            return new Signer(key, certificate.getSubject(), KeyIdentifiers.ofIssuer(certificate),
                    Optional.of(certificate.getNotAfter().toInstant()));
        }

        @Override
        public String toString() { // never the key
            return "Signer[" + name + "]";
        }
    }

    /** The URLs an issuer's spec asks to embed. */
    record Links(List<String> crlDistributionPoints, List<String> ocspServers, List<String> issuingCertificateURLs) {
        static final Links NONE = new Links(List.of(), List.of(), List.of());

        Links {
            crlDistributionPoints = List.copyOf(crlDistributionPoints);
            ocspServers = List.copyOf(ocspServers);
            issuingCertificateURLs = List.copyOf(issuingCertificateURLs);
        }
    }

    /** The CSR of a request, parsed and with its signature verified; IllegalArgumentException naming the problem. */
    PKCS10CertificationRequest verifiedCsr(CertificateRequestSpec spec) {
        PKCS10CertificationRequest csr;
        try {
            csr = Pem.csr(spec.request().getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("failed to decode CSR in spec.request: " + e.getMessage(), e);
        }
        boolean valid;
        try {
            valid = verifier.verify(csr.getSubjectPublicKeyInfo(), csr.getSignatureAlgorithm(),
                    csr.toASN1Structure().getCertificationRequestInfo().getEncoded(ASN1Encoding.DER), csr.getSignature());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the CSR is malformed: " + e.getMessage(), e);
        }
        if (!valid) throw new IllegalArgumentException("the CSR's signature does not verify with its own public key");
        return csr;
    }

    /** Signs the certificate; IllegalArgumentException when the result would break RFC 5280 (nothing is signed then). */
    X509CertificateHolder sign(PKCS10CertificationRequest csr, CertificateRequestSpec spec, Signer signer, Links links, Instant now) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(spec.duration());
        if (signer.notAfter().isPresent() && notAfter.isAfter(signer.notAfter().get())) notAfter = signer.notAfter().get();
        String algorithmName = SigningKeys.signatureAlgorithm(signer.key());
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find(algorithmName);

        V3TBSCertificateGenerator tbsGenerator = new V3TBSCertificateGenerator();
        tbsGenerator.setSerialNumber(new ASN1Integer(serials.next()));
        tbsGenerator.setSignature(algorithm);
        tbsGenerator.setIssuer(signer.name());
        tbsGenerator.setStartDate(new Time(Date.from(notBefore)));
        tbsGenerator.setEndDate(new Time(Date.from(notAfter)));
        tbsGenerator.setSubject(csr.getSubject());
        tbsGenerator.setSubjectPublicKeyInfo(csr.getSubjectPublicKeyInfo());
        tbsGenerator.setExtensions(extensions(csr, spec, signer, links));
        TBSCertificate tbs = tbsGenerator.generateTBSCertificate();
        boolean selfSigned = signer.name().equals(csr.getSubject());
        List<String> findings = CertificateLinter.lint(tbs, selfSigned);
        if (!findings.isEmpty()) {
            throw new IllegalArgumentException("the certificate failed lint and was not signed: " + String.join("; ", findings));
        }
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(algorithmName).build(signer.key());
            try (OutputStream out = contentSigner.getOutputStream()) {
                out.write(tbs.getEncoded(ASN1Encoding.DER));
            }
            ASN1EncodableVector certificate = new ASN1EncodableVector();
            certificate.add(tbs);
            certificate.add(contentSigner.getAlgorithmIdentifier());
            certificate.add(new DERBitString(contentSigner.getSignature()));
            return new X509CertificateHolder(Certificate.getInstance(new DERSequence(certificate)));
        } catch (Exception e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    private static Extensions extensions(PKCS10CertificationRequest csr, CertificateRequestSpec spec, Signer signer, Links links) {
        try {
            ExtensionsGenerator g = new ExtensionsGenerator();
            SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
            g.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.isCA()));
            int keyUsage = keyUsageBits(spec, key);
            if (keyUsage != 0) g.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(keyUsage));
            List<KeyPurposeId> purposes = extendedKeyUsages(spec);
            if (!purposes.isEmpty()) g.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            g.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(key)));
            g.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(signer.keyIdentifier()));
            Extension san = requestedSan(csr);
            if (san != null) {
                // RFC 5280 4.2.1.6: critical exactly when the subject is empty (what Go's x509 does too)
                g.addExtension(Extension.subjectAlternativeName, csr.getSubject().getRDNs().length == 0, san.getParsedValue());
            }
            Extension constraints = requested(csr, Extension.nameConstraints);
            if (constraints != null && spec.isCA()) {
                // cert-manager copies a CA request's name constraints (spec.nameConstraints) with their criticality
                g.addExtension(Extension.nameConstraints, constraints.isCritical(), constraints.getParsedValue());
            }
            if (!links.crlDistributionPoints().isEmpty()) {
                DistributionPoint[] points = links.crlDistributionPoints().stream()
                        .map(url -> new DistributionPoint(new DistributionPointName(new GeneralNames(uri(url))), null, null))
                        .toArray(DistributionPoint[]::new);
                g.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
            }
            List<AccessDescription> access = new ArrayList<>();
            links.ocspServers().forEach(url -> access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(url))));
            links.issuingCertificateURLs().forEach(url -> access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(url))));
            if (!access.isEmpty()) {
                g.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(access.toArray(AccessDescription[]::new)));
            }
            return g.generate();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * cert-manager's KeyUsagesForCertificateOrCertificateRequest: the request's usages (digital signature and key
     * encipherment when it names none), plus cert sign for a CA. Key encipherment is left out for a key that cannot
     * encipher (EC, Ed25519; RFC 8813), which Go's x509 would sign but Stamp's linter refuses.
     */
    static int keyUsageBits(CertificateRequestSpec spec, SubjectPublicKeyInfo key) {
        List<KeyUsage> usages = spec.usages().isEmpty() ? List.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT) : spec.usages();
        int bits = 0;
        for (KeyUsage usage : usages) bits |= usage.keyUsageBit();
        if (spec.isCA()) bits |= KeyUsage.CERT_SIGN.keyUsageBit();
        if (!key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) bits &= ~KeyUsage.KEY_ENCIPHERMENT.keyUsageBit();
        return bits;
    }

    static List<KeyPurposeId> extendedKeyUsages(CertificateRequestSpec spec) {
        Set<String> oids = new LinkedHashSet<>();
        for (KeyUsage usage : spec.usages()) usage.extendedKeyUsageOid().ifPresent(oids::add);
        return oids.stream().map(oid -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(oid))).toList();
    }

    private static Extension requestedSan(PKCS10CertificationRequest csr) {
        return requested(csr, Extension.subjectAlternativeName);
    }

    private static Extension requested(PKCS10CertificationRequest csr, ASN1ObjectIdentifier oid) {
        Extensions requested = csr.getRequestedExtensions();
        return requested == null ? null : requested.getExtension(oid);
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url);
    }

}
