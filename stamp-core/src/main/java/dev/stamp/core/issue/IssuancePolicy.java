package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.IPAddress;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 4 of the pipeline: what the issuing CA and every CA above it allow. A refusal is a POLICY_VIOLATION
 * (or INVALID_STATE for the CA's status) whose message names the rule and the value. Pure; thread-safe.
 */
final class IssuancePolicy {
    private IssuancePolicy() {}

    /** The CA may sign now: ACTIVE, or a root signing its own certificate while PENDING_CERTIFICATE. */
    static void requireIssuing(CertificateAuthority ca, boolean selfIssue) {
        if (selfIssue) {
            if (ca.status() != CaStatus.PENDING_CERTIFICATE) {
                throw StampException.invalidState("CA " + ca.id() + " is " + ca.status()
                        + "; a root signs its own certificate only while PENDING_CERTIFICATE");
            }
            return;
        }
        if (!ca.status().issuing()) {
            throw StampException.invalidState("CA " + ca.id() + " is " + ca.status() + " and not in a valid state for issuing certificates");
        }
    }

    /** Root templates sign a root's own CSR; everything else needs an imported CA certificate. */
    static void requireTemplateFits(CertificateAuthority ca, Template template, boolean selfIssue) {
        if (template.kind() == Template.Kind.ROOT_CA && !selfIssue) {
            throw StampException.policy("template " + template.name() + " signs a root CA's own certificate only: the CSR must be CA "
                    + ca.id() + "'s own CSR and the CA a ROOT awaiting its certificate");
        }
        if (selfIssue && template.kind() != Template.Kind.ROOT_CA) {
            throw StampException.policy("a root CA's own certificate must use a RootCACertificate template, not " + template.name());
        }
        if (selfIssue && ca.type() != CaType.ROOT) {
            throw StampException.policy("CA " + ca.id() + " is a SUBORDINATE; its certificate must be signed by its parent CA");
        }
    }

    static void checkValidity(CertificateAuthority ca, Instant now, Instant notBefore, Instant notAfter) {
        if (!notAfter.isAfter(notBefore)) {
            throw StampException.invalidArgument("validity ends at " + notAfter + ", not after its start " + notBefore);
        }
        if (!notAfter.isAfter(now)) {
            throw StampException.invalidArgument("validity ends at " + notAfter + ", which is already past");
        }
        Instant caEnd = ca.notAfter();
        if (caEnd != null && notAfter.isAfter(caEnd)) {
            throw StampException.policy("validity ends at " + notAfter + ", after the issuing CA's certificate expires at " + caEnd);
        }
        Duration max = ca.usageMode().maximumValidity();
        if (max != null && Duration.between(now, notAfter).compareTo(max) > 0) {
            throw StampException.policy("CA " + ca.id() + " is SHORT_LIVED_CERTIFICATE: certificates may be valid for at most "
                    + max.toDays() + " days, not until " + notAfter);
        }
    }

    /** Path length and depth: every CA above must allow one more CA below it. */
    static void checkPath(CertificateAuthority ca, Template template) {
        if (template.kind() != Template.Kind.SUBORDINATE_CA) return;
        if (ca.usageMode().maximumValidity() != null) {
            throw StampException.policy("CA " + ca.id() + " is SHORT_LIVED_CERTIFICATE and must be the last CA in its hierarchy: it cannot issue CA certificates");
        }
        int depth = ca.depth() + 1;
        if (depth > CertificateAuthority.MAX_DEPTH) {
            throw StampException.policy("a CA issued by " + ca.id() + " would be level " + depth + " of its hierarchy; at most "
                    + CertificateAuthority.MAX_DEPTH + " levels are allowed");
        }
        List<X509CertificateHolder> above = ca.certificateWithChain();
        for (int k = 0; k < above.size(); k++) {
            var bc = org.bouncycastle.asn1.x509.BasicConstraints.fromExtensions(above.get(k).getExtensions());
            BigInteger limit = bc == null ? null : bc.getPathLenConstraint();
            if (limit == null) continue;
            int below = k + 1; // CA certificates that would sit below this one in a path to a leaf of the new CA
            if (limit.intValue() < below) {
                throw StampException.policy("path length exceeded: " + above.get(k).getSubject() + " allows " + limit
                        + " CA level(s) below it, and a new subordinate here would be level " + below);
            }
            if (template.pathLength() != null && template.pathLength() > limit.intValue() - below) {
                throw StampException.policy("path length exceeded: " + template.name() + " asks for pathLen " + template.pathLength()
                        + " but " + above.get(k).getSubject() + " allows at most " + (limit.intValue() - below) + " here");
            }
        }
    }

    /** Name constraints of every CA above, applied to the subject and every SAN of the new certificate. */
    static void checkNames(CertificateAuthority ca, X500Name subject, List<GeneralName> sans) {
        List<X509CertificateHolder> above = new ArrayList<>(ca.certificateWithChain());
        if (above.stream().noneMatch(c -> c.getExtension(Extension.nameConstraints) != null)) return;
        java.util.Collections.reverse(above); // root first, as path validation processes them
        PKIXNameConstraintValidator validator = new PKIXNameConstraintValidator();
        for (X509CertificateHolder c : above) {
            Extension ext = c.getExtension(Extension.nameConstraints);
            if (ext == null) continue;
            NameConstraints nc = NameConstraints.getInstance(ext.getParsedValue());
            if (nc.getPermittedSubtrees() != null) validator.intersectPermittedSubtree(nc.getPermittedSubtrees());
            if (nc.getExcludedSubtrees() != null) {
                for (GeneralSubtree s : nc.getExcludedSubtrees()) validator.addExcludedSubtree(s);
            }
        }
        List<GeneralName> names = new ArrayList<>(sans);
        if (subject.getRDNs().length > 0) names.add(new GeneralName(subject));
        for (GeneralName n : names) {
            try {
                validator.checkPermitted(n);
                validator.checkExcluded(n);
            } catch (NameConstraintValidatorException e) {
                throw StampException.policy("name constraints of the CAs above " + ca.id() + " do not allow " + describe(n));
            }
        }
        for (CommonNameIdentifier id : commonNamesAsIdentifiers(subject, sans)) {
            try {
                validator.checkPermitted(id.name());
                validator.checkExcluded(id.name());
            } catch (NameConstraintValidatorException e) {
                String kind = id.name().getTagNo() == GeneralName.dNSName ? "DNS name" : "IP address";
                throw StampException.policy("name constraints of the CAs above " + ca.id() + " do not allow the subject CN '" + id.cn()
                        + "' (with no " + kind + " among the subject alternative names, verifiers check the CN as a " + kind + ")");
            }
        }
    }

    /**
     * The subject CNs that TLS verifiers treat as host identifiers for name constraints: OpenSSL, GnuTLS, NSS and the
     * JDK check a CN that reads as a host name against the DNS constraints when the certificate has no DNS SAN (and an
     * IP-literal CN against the IP constraints when it has no IP SAN). Checked here too, or the CA signs leaves that
     * every verifier rejects ("permitted subtree violation").
     */
    static List<CommonNameIdentifier> commonNamesAsIdentifiers(X500Name subject, List<GeneralName> sans) {
        boolean dnsSan = sans.stream().anyMatch(n -> n.getTagNo() == GeneralName.dNSName);
        boolean ipSan = sans.stream().anyMatch(n -> n.getTagNo() == GeneralName.iPAddress);
        List<CommonNameIdentifier> out = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                if (!tv.getType().equals(BCStyle.CN) || !(tv.getValue() instanceof ASN1String value)) continue;
                String cn = value.getString();
                if (!ipSan && IPAddress.isValid(cn)) out.add(new CommonNameIdentifier(cn, new GeneralName(GeneralName.iPAddress, cn)));
                if (!dnsSan && CertificateLinter.validDns(cn)) out.add(new CommonNameIdentifier(cn, new GeneralName(GeneralName.dNSName, cn)));
            }
        }
        return out;
    }

    /** A subject CN and the identifier a verifier reads it as. */
    record CommonNameIdentifier(String cn, GeneralName name) {}

    static String describe(GeneralName n) {
        return switch (n.getTagNo()) {
            case GeneralName.dNSName -> "DNS name " + n.getName();
            case GeneralName.iPAddress -> "IP address " + n.getName();
            case GeneralName.rfc822Name -> "email " + n.getName();
            case GeneralName.uniformResourceIdentifier -> "URI " + n.getName();
            case GeneralName.directoryName -> "subject " + n.getName();
            default -> "name " + n;
        };
    }
}
