package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import dev.stamp.core.crypto.KeyIdentifiers;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step 2 of the pipeline: decides the subject and every extension of a certificate from the template, the API
 * passthrough and the CSR, in that order of precedence (AWS's rule), plus what the CA itself adds (SKI, AKI,
 * CRL distribution point, authority information access). Pure; thread-safe.
 */
final class ExtensionPlan {
    /** Extensions only the CA decides; never copied from a CSR or the API. */
    private static final Set<ASN1ObjectIdentifier> CA_CONTROLLED = Set.of(
            Extension.subjectKeyIdentifier, Extension.authorityKeyIdentifier, Extension.basicConstraints);

    /** Where the certificate's revocation and issuer links point; null members are omitted. */
    record Links(String crlUrl, String ocspUrl, String caIssuersUrl) {
        static final Links NONE = new Links(null, null, null);
    }

    /** The subject and extensions decided for one certificate. */
    record Plan(X500Name subject, Extensions extensions) {}

    private ExtensionPlan() {}

    static Plan decide(Template template, PKCS10CertificationRequest csr, ApiPassthrough api,
                       byte[] issuerKeyId, Links links) {
        Extensions requested = requestedExtensions(csr);
        Passthrough pass = template.passthrough();
        Map<ASN1ObjectIdentifier, Extension> out = new LinkedHashMap<>();
        try {
            X500Name subject = pass.api() && api.subject() != null ? api.subject() : csr.getSubject();

            BasicConstraints bc = !template.isCa() ? new BasicConstraints(false)
                    : template.pathLength() == null ? new BasicConstraints(true) : new BasicConstraints(template.pathLength());
            put(out, Extension.basicConstraints, template.basicConstraintsCritical(), bc);

            SubjectPublicKeyInfo key = csr.getSubjectPublicKeyInfo();
            if (template.keyUsage() != null) {
                putKeyUsage(out, true, fitKeyUsage(template.keyUsage(), key));
            } else if (pass.api() && api.keyUsage() != null) {
                if (api.keyUsage() == 0) throw StampException.invalidArgument("KeyUsage sets no bit");
                putKeyUsage(out, true, fitKeyUsage(api.keyUsage(), key));
            } else if (pass.csr() && requested != null && requested.getExtension(Extension.keyUsage) != null) {
                Extension asked = requested.getExtension(Extension.keyUsage);
                putKeyUsage(out, asked.isCritical(), fitKeyUsage(keyUsageBits(KeyUsage.getInstance(asked.getParsedValue())), key));
            }

            if (template.extendedKeyUsage() != null) {
                if (!template.extendedKeyUsage().isEmpty()) {
                    put(out, Extension.extendedKeyUsage, template.extendedKeyUsageCritical(),
                            new ExtendedKeyUsage(template.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
                }
            } else if (pass.api() && api.extendedKeyUsage() != null) {
                put(out, Extension.extendedKeyUsage, false, new ExtendedKeyUsage(api.extendedKeyUsage().toArray(KeyPurposeId[]::new)));
            } else {
                copy(out, requested, Extension.extendedKeyUsage, pass.csr());
            }

            // SANs always come from the request: the API's when passed through, else the CSR's.
            // RFC 5280 4.2.1.6: critical when the subject is empty.
            boolean emptySubject = subject.getRDNs().length == 0;
            if (pass.api() && api.subjectAlternativeNames() != null) {
                put(out, Extension.subjectAlternativeName, emptySubject,
                        new GeneralNames(api.subjectAlternativeNames().toArray(GeneralName[]::new)));
            } else if (requested != null && requested.getExtension(Extension.subjectAlternativeName) != null) {
                Extension san = requested.getExtension(Extension.subjectAlternativeName);
                out.put(Extension.subjectAlternativeName,
                        new Extension(Extension.subjectAlternativeName, emptySubject, san.getExtnValue()));
            }

            if (pass.api() && api.certificatePolicies() != null) {
                put(out, Extension.certificatePolicies, false,
                        new CertificatePolicies(api.certificatePolicies().toArray(PolicyInformation[]::new)));
            }

            put(out, Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(KeyIdentifiers.of(csr.getSubjectPublicKeyInfo())));
            if (issuerKeyId != null) {
                put(out, Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
            }
            if (template.isOcspSigning()) {
                // RFC 6960 4.2.2.2.1: the responder's own certificate is not checked for revocation; the value is NULL.
                put(out, OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            if (links.crlUrl() != null) {
                var name = new DistributionPointName(new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, links.crlUrl())));
                put(out, Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(name, null, null)}));
            }
            if (links.ocspUrl() != null || links.caIssuersUrl() != null) {
                var access = new java.util.ArrayList<AccessDescription>();
                if (links.ocspUrl() != null) {
                    access.add(new AccessDescription(AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, links.ocspUrl())));
                }
                if (links.caIssuersUrl() != null) {
                    access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, new GeneralName(GeneralName.uniformResourceIdentifier, links.caIssuersUrl())));
                }
                put(out, Extension.authorityInfoAccess, false, AuthorityInformationAccess.getInstance(new DERSequence(access.toArray(ASN1Encodable[]::new))));
            }

            if (pass.api() && api.customExtensions() != null) {
                for (ApiPassthrough.CustomExtension c : api.customExtensions()) {
                    if (CA_CONTROLLED.contains(c.oid()) || out.containsKey(c.oid())) continue; // template > API
                    out.put(c.oid(), new Extension(c.oid(), c.critical(), c.value()));
                }
            }
            if (pass.csr() && requested != null) {
                for (ASN1ObjectIdentifier oid : requested.getExtensionOIDs()) {
                    if (CA_CONTROLLED.contains(oid) || out.containsKey(oid)) continue; // template > API > CSR
                    out.put(oid, requested.getExtension(oid));
                }
            }
            ExtensionsGenerator g = new ExtensionsGenerator();
            for (Extension e : out.values()) g.addExtension(e);
            return new Plan(subject, g.generate());
        } catch (StampException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Extensions copied from a CSR are decoded here for the first time; a malformed one surfaces as whatever
            // Bouncy Castle throws.
            throw StampException.invalidArgument("cannot build the certificate's extensions: " + e.getMessage());
        }
    }

    /**
     * Only an RSA key can encipher: for EC, EdDSA and ML-DSA keys RFC 8813 (and the ML-DSA certificate profile) forbid
     * keyEncipherment and dataEncipherment, which AWS's end-entity templates and cert-manager's default usages ask for.
     * They are dropped from whatever source the key usage comes from; an empty result leaves the extension out.
     */
    static int fitKeyUsage(int usage, SubjectPublicKeyInfo key) {
        boolean rsa = key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption);
        return rsa ? usage : usage & ~(KeyUsage.keyEncipherment | KeyUsage.dataEncipherment);
    }

    private static void putKeyUsage(Map<ASN1ObjectIdentifier, Extension> out, boolean critical, int usage) throws IOException {
        if (usage != 0) put(out, Extension.keyUsage, critical, new KeyUsage(usage));
    }

    private static int keyUsageBits(KeyUsage ku) {
        byte[] b = ku.getBytes();
        return (b.length > 0 ? b[0] & 0xff : 0) | (b.length > 1 ? (b[1] & 0xff) << 8 : 0);
    }

    /** The extensions a CSR asks for (PKCS#9 extensionRequest), or null. */
    static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
        try {
            var attrs = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
            if (attrs.length == 0) return null;
            if (attrs.length > 1 || attrs[0].getAttrValues().size() != 1) {
                throw StampException.malformedCsr("the CSR carries more than one extensionRequest");
            }
            return Extensions.getInstance(attrs[0].getAttrValues().getObjectAt(0));
        } catch (StampException e) {
            throw e;
        } catch (RuntimeException e) {
            throw StampException.malformedCsr("the CSR's extension request is malformed: " + e.getMessage());
        }
    }

    private static void put(Map<ASN1ObjectIdentifier, Extension> out, ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value)
            throws IOException {
        out.put(oid, new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER")));
    }

    private static void copy(Map<ASN1ObjectIdentifier, Extension> out, Extensions requested, ASN1ObjectIdentifier oid, boolean allowed) {
        if (!allowed || requested == null) return;
        Extension e = requested.getExtension(oid);
        if (e != null) out.put(oid, e);
    }

    static List<GeneralName> subjectAlternativeNames(Extensions extensions) {
        if (extensions == null) return List.of();
        try {
            GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
            return names == null ? List.of() : List.of(names.getNames());
        } catch (RuntimeException e) {
            throw StampException.malformedCsr("the subject alternative names are malformed: " + e.getMessage());
        }
    }
}
