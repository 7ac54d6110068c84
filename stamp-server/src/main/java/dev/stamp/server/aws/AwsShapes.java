package dev.stamp.server.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.ca.SubjectAttribute;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS Private CA's JSON shapes for CAs: CertificateAuthority (Describe/List), ASN1Subject both ways and
 * RevocationConfiguration both ways. Member names and order follow the service model.
 */
final class AwsShapes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** ASN1Subject members in model order, with the attribute each names. */
    static final Map<String, SubjectAttribute> SUBJECT_MEMBERS = subjectMembers();

    private static Map<String, SubjectAttribute> subjectMembers() {
        Map<String, SubjectAttribute> m = new LinkedHashMap<>();
        m.put("Country", SubjectAttribute.COUNTRY);
        m.put("Organization", SubjectAttribute.ORGANIZATION);
        m.put("OrganizationalUnit", SubjectAttribute.ORGANIZATIONAL_UNIT);
        m.put("DistinguishedNameQualifier", SubjectAttribute.DISTINGUISHED_NAME_QUALIFIER);
        m.put("State", SubjectAttribute.STATE);
        m.put("CommonName", SubjectAttribute.COMMON_NAME);
        m.put("SerialNumber", SubjectAttribute.SERIAL_NUMBER);
        m.put("Locality", SubjectAttribute.LOCALITY);
        m.put("Title", SubjectAttribute.TITLE);
        m.put("Surname", SubjectAttribute.SURNAME);
        m.put("GivenName", SubjectAttribute.GIVEN_NAME);
        m.put("Initials", SubjectAttribute.INITIALS);
        m.put("Pseudonym", SubjectAttribute.PSEUDONYM);
        m.put("GenerationQualifier", SubjectAttribute.GENERATION_QUALIFIER);
        return Collections.unmodifiableMap(m);
    }

    private AwsShapes() {}

    static CaSubject subject(Input in) {
        List<CaSubject.Entry> entries = new ArrayList<>();
        for (var member : SUBJECT_MEMBERS.entrySet()) {
            String value = in.string(member.getKey(), 0, 4096);
            if (value != null) entries.add(new CaSubject.Entry(member.getValue().oid(), member.getValue(), value));
        }
        List<Input> custom = in.objects("CustomAttributes", 1, 150);
        if (custom != null) {
            for (Input attribute : custom) {
                String oid = attribute.requiredString("ObjectIdentifier", 1, 64);
                ASN1ObjectIdentifier id;
                try {
                    id = new ASN1ObjectIdentifier(oid);
                } catch (IllegalArgumentException e) {
                    throw AwsException.validation(attribute.path() + ".objectIdentifier", oid, "Member must be an object identifier");
                }
                entries.add(new CaSubject.Entry(id, null, attribute.requiredString("Value", 1, 256)));
            }
        }
        return new CaSubject(entries);
    }

    static ObjectNode subject(CaSubject subject) {
        ObjectNode out = JSON.objectNode();
        var custom = JSON.arrayNode();
        for (CaSubject.Entry e : subject.entries()) {
            if (e.attribute() == null) {
                custom.addObject().put("ObjectIdentifier", e.oid().getId()).put("Value", e.value());
                continue;
            }
            for (var member : SUBJECT_MEMBERS.entrySet()) {
                if (member.getValue() == e.attribute() && !out.has(member.getKey())) out.put(member.getKey(), e.value());
            }
        }
        if (!custom.isEmpty()) out.set("CustomAttributes", custom);
        return out;
    }

    /** A RevocationConfiguration input applied over {@code current}: an omitted structure leaves its part unchanged. */
    static RevocationConfiguration revocation(Input in, RevocationConfiguration current) {
        RevocationConfiguration c = current;
        Input crl = in.object("CrlConfiguration");
        if (crl != null) {
            boolean enabled = crl.requiredBool("Enabled");
            Long days = crl.number("ExpirationInDays", 1, 5000);
            String cname = crl.string("CustomCname", 0, 253);
            crl.string("S3BucketName", 3, 255); // checked for shape; Stamp serves CRLs itself
            crl.string("CustomPath", 0, 253);
            crl.enumValue("S3ObjectAcl", S3ObjectAcl.class);
            Input dp = crl.object("CrlDistributionPointExtensionConfiguration");
            Boolean omit = dp == null ? null : dp.requiredBool("OmitExtension");
            CrlType type = crl.enumValue("CrlType", CrlType.class);
            c = enabled
                    ? new RevocationConfiguration(true, days == null ? RevocationConfiguration.DEFAULT_CRL_DAYS : days.intValue(), cname,
                            omit != null && omit, type == CrlType.PARTITIONED, c.ocspEnabled(), c.ocspCustomCname())
                    : new RevocationConfiguration(false, c.crlExpirationInDays(), null, false, c.crlPartitioned(), c.ocspEnabled(), c.ocspCustomCname());
        }
        Input ocsp = in.object("OcspConfiguration");
        if (ocsp != null) {
            boolean enabled = ocsp.requiredBool("Enabled");
            String cname = ocsp.string("OcspCustomCname", 0, 253);
            c = new RevocationConfiguration(c.crlEnabled(), c.crlExpirationInDays(), c.crlCustomCname(), c.crlOmitExtension(),
                    c.crlPartitioned(), enabled, enabled ? cname : null);
        }
        return c;
    }

    static ObjectNode revocation(RevocationConfiguration c) {
        ObjectNode out = JSON.objectNode();
        ObjectNode crl = out.putObject("CrlConfiguration").put("Enabled", c.crlEnabled());
        if (c.crlEnabled()) {
            crl.put("ExpirationInDays", c.crlExpirationInDays());
            if (c.crlCustomCname() != null) crl.put("CustomCname", c.crlCustomCname());
            crl.putObject("CrlDistributionPointExtensionConfiguration").put("OmitExtension", c.crlOmitExtension());
            crl.put("CrlType", c.crlPartitioned() ? "PARTITIONED" : "COMPLETE");
        }
        ObjectNode ocsp = out.putObject("OcspConfiguration").put("Enabled", c.ocspEnabled());
        if (c.ocspEnabled() && c.ocspCustomCname() != null) ocsp.put("OcspCustomCname", c.ocspCustomCname());
        return out;
    }

    static ObjectNode ca(CertificateAuthority ca, Arns arns, String account) {
        ObjectNode out = JSON.objectNode();
        out.put("Arn", arns.ca(ca.id()));
        out.put("OwnerAccount", account);
        out.put("CreatedAt", seconds(ca.createdAt()));
        out.put("LastStateChangeAt", seconds(ca.lastStateChangeAt()));
        out.put("Type", ca.type().name());
        if (ca.certificate() != null) {
            out.put("Serial", ca.certificate().getSerialNumber().toString(16));
            out.put("NotBefore", seconds(ca.notBefore()));
            out.put("NotAfter", seconds(ca.notAfter()));
        }
        out.put("Status", ca.status().name());
        ObjectNode config = out.putObject("CertificateAuthorityConfiguration");
        config.put("KeyAlgorithm", ca.keyAlgorithm().name());
        config.put("SigningAlgorithm", ca.signingAlgorithm().name());
        config.set("Subject", subject(ca.subject()));
        out.set("RevocationConfiguration", revocation(ca.revocation()));
        if (ca.status() == CaStatus.DELETED && ca.restorableUntil() != null) out.put("RestorableUntil", seconds(ca.restorableUntil()));
        // KeyStorageSecurityStandard is left out: no FIPS level can be claimed for a software vault or an arbitrary token.
        out.put("UsageMode", ca.usageMode().name());
        return out;
    }

    /** AWS timestamps: epoch seconds, fractional as the JSON protocol allows. */
    static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    enum S3ObjectAcl { PUBLIC_READ, BUCKET_OWNER_FULL_CONTROL }

    enum CrlType { COMPLETE, PARTITIONED }
}
