package dev.stamp.core.ca;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.SignatureVerifier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * The checks an imported CA certificate and its chain must pass (AWS ImportCertificateAuthorityCertificate):
 * the key matches the CA's, basic constraints are critical with CA:TRUE, only a ROOT is self-signed, each certificate
 * is signed by the next one, the chain ends at a self-signed root, path lengths and depth hold, and no unknown
 * critical extension is present. Stateless.
 */
final class CaCertificateCheck {
    private static final Set<ASN1ObjectIdentifier> ALLOWED_CRITICAL = Set.of(
            Extension.authorityKeyIdentifier, Extension.basicConstraints, Extension.certificatePolicies, Extension.extendedKeyUsage,
            Extension.inhibitAnyPolicy, Extension.issuerAlternativeName, Extension.keyUsage, Extension.nameConstraints,
            Extension.policyMappings, Extension.subjectAlternativeName, Extension.subjectDirectoryAttributes,
            Extension.subjectKeyIdentifier, Extension.subjectInfoAccess);

    private final SignatureVerifier verifier;

    CaCertificateCheck(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    void check(CertificateAuthority ca, X509CertificateHolder cert, List<X509CertificateHolder> chain, Instant now) {
        if (!cert.getSubjectPublicKeyInfo().equals(ca.csr().getSubjectPublicKeyInfo())) {
            throw mismatch("the certificate's public key is not CA " + ca.id() + "'s key");
        }
        requireCa(cert, "the certificate");
        if (!cert.isValidOn(Date.from(now))) {
            throw StampException.malformedCertificate("the certificate is not valid now: it is valid from "
                    + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant());
        }
        boolean selfSigned = selfSigned(cert);
        if (ca.type() == CaType.ROOT) {
            if (!selfSigned) throw mismatch("a ROOT CA's certificate must be self-signed; this one is issued by " + cert.getIssuer());
            if (!chain.isEmpty()) throw StampException.invalidArgument("a ROOT CA's certificate takes no chain, but " + chain.size() + " certificate(s) came with it");
            return;
        }
        if (selfSigned) throw mismatch("a SUBORDINATE CA's certificate cannot be self-signed");
        if (chain.isEmpty()) throw StampException.invalidArgument("a SUBORDINATE CA's certificate needs its chain (issuer first, root last)");
        if (chain.size() + 1 > CertificateAuthority.MAX_DEPTH) {
            throw StampException.policy("the chain makes this CA level " + (chain.size() + 1) + "; at most " + CertificateAuthority.MAX_DEPTH + " levels are allowed");
        }
        X509CertificateHolder child = cert;
        for (int i = 0; i < chain.size(); i++) {
            X509CertificateHolder parent = chain.get(i);
            requireCa(parent, "chain certificate " + (i + 1) + " (" + parent.getSubject() + ")");
            if (!child.getIssuer().equals(parent.getSubject()) || !signedBy(child, parent)) {
                throw mismatch((i == 0 ? "the certificate" : "chain certificate " + i) + " is not signed by chain certificate " + (i + 1)
                        + " (" + parent.getSubject() + "): the chain must be ordered issuer first, root last");
            }
            BasicConstraints bc = BasicConstraints.fromExtensions(parent.getExtensions());
            if (bc.getPathLenConstraint() != null && bc.getPathLenConstraint().intValue() < i) {
                throw StampException.policy("path length exceeded: " + parent.getSubject() + " allows " + bc.getPathLenConstraint()
                        + " CA level(s) below it, and this CA is level " + (i + 1) + " below it");
            }
            child = parent;
        }
        X509CertificateHolder root = chain.getLast();
        if (!selfSigned(root)) throw mismatch("the chain does not end with a self-signed root certificate: it ends with " + root.getSubject());
    }

    private boolean selfSigned(X509CertificateHolder c) {
        return c.getIssuer().equals(c.getSubject()) && signedBy(c, c);
    }

    private boolean signedBy(X509CertificateHolder child, X509CertificateHolder parent) {
        return verifier.verify(parent.getSubjectPublicKeyInfo(), child.getSignatureAlgorithm(),
                CaSigner.der(child.toASN1Structure().getTBSCertificate()), child.getSignature());
    }

    private static void requireCa(X509CertificateHolder c, String what) {
        Extension ext = c.getExtension(Extension.basicConstraints);
        BasicConstraints bc = ext == null ? null : BasicConstraints.getInstance(ext.getParsedValue());
        if (bc == null || !bc.isCA() || !ext.isCritical()) {
            throw StampException.malformedCertificate(what + " must carry critical basic constraints with CA:TRUE");
        }
        for (Object o : c.getCriticalExtensionOIDs()) {
            ASN1ObjectIdentifier oid = (ASN1ObjectIdentifier) o;
            if (!ALLOWED_CRITICAL.contains(oid)) {
                throw StampException.malformedCertificate(what + " has critical extension " + oid.getId() + ", which a CA certificate may not mark critical");
            }
        }
    }

    private static StampException mismatch(String message) {
        return new StampException(ErrorCode.CERTIFICATE_MISMATCH, message);
    }
}
