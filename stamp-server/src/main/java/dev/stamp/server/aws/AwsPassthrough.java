package dev.stamp.server.aws;

import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.issue.ApiPassthrough;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.PolicyQualifierInfo;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** AWS's ApiPassthrough {Extensions, Subject} JSON as the core's {@link ApiPassthrough}. */
final class AwsPassthrough {
    private static final Map<String, ASN1ObjectIdentifier> EKU = Map.of(
            "SERVER_AUTH", KeyPurposeId.id_kp_serverAuth.toOID(),
            "CLIENT_AUTH", KeyPurposeId.id_kp_clientAuth.toOID(),
            "CODE_SIGNING", KeyPurposeId.id_kp_codeSigning.toOID(),
            "EMAIL_PROTECTION", KeyPurposeId.id_kp_emailProtection.toOID(),
            "TIME_STAMPING", KeyPurposeId.id_kp_timeStamping.toOID(),
            "OCSP_SIGNING", KeyPurposeId.id_kp_OCSPSigning.toOID(),
            "SMART_CARD_LOGIN", new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.2"),
            "DOCUMENT_SIGNING", new ASN1ObjectIdentifier("1.3.6.1.4.1.311.10.3.12"),
            "CERTIFICATE_TRANSPARENCY", new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.4"));
    private static final Map<String, Integer> KEY_USAGE = Map.of(
            "DigitalSignature", KeyUsage.digitalSignature, "NonRepudiation", KeyUsage.nonRepudiation,
            "KeyEncipherment", KeyUsage.keyEncipherment, "DataEncipherment", KeyUsage.dataEncipherment,
            "KeyAgreement", KeyUsage.keyAgreement, "KeyCertSign", KeyUsage.keyCertSign, "CRLSign", KeyUsage.cRLSign,
            "EncipherOnly", KeyUsage.encipherOnly, "DecipherOnly", KeyUsage.decipherOnly);

    private AwsPassthrough() {}

    static ApiPassthrough of(Input in) {
        if (in == null) return ApiPassthrough.NONE;
        Input subjectIn = in.object("Subject");
        X500Name subject = subjectIn == null ? null : name(AwsShapes.subject(subjectIn));
        Input ext = in.object("Extensions");
        if (ext == null) return new ApiPassthrough(subject, null, null, null, null, null);
        List<GeneralName> sans = null;
        List<Input> sanIn = ext.objects("SubjectAlternativeNames", 1, 150);
        if (sanIn != null) {
            sans = new ArrayList<>();
            for (Input g : sanIn) sans.add(generalName(g));
        }
        Integer keyUsage = null;
        Input ku = ext.object("KeyUsage");
        if (ku != null) {
            int bits = 0;
            for (var e : KEY_USAGE.entrySet()) if (Boolean.TRUE.equals(ku.bool(e.getKey()))) bits |= e.getValue();
            keyUsage = bits;
        }
        List<KeyPurposeId> ekus = null;
        List<Input> ekuIn = ext.objects("ExtendedKeyUsage", 1, 20);
        if (ekuIn != null) {
            ekus = new ArrayList<>();
            for (Input e : ekuIn) {
                String type = e.string("ExtendedKeyUsageType", 1, 64);
                String oid = e.string("ExtendedKeyUsageObjectIdentifier", 1, 64);
                if ((type == null) == (oid == null)) {
                    throw new AwsException("InvalidArgsException", 400, e.path() + " must give exactly one of ExtendedKeyUsageType and ExtendedKeyUsageObjectIdentifier");
                }
                ASN1ObjectIdentifier id = type != null ? EKU.get(type) : oid(e, "extendedKeyUsageObjectIdentifier", oid);
                if (id == null) throw AwsException.validation(e.path() + ".extendedKeyUsageType", type, "Member must satisfy enum value set: " + EKU.keySet());
                ekus.add(KeyPurposeId.getInstance(id));
            }
        }
        List<PolicyInformation> policies = null;
        List<Input> policyIn = ext.objects("CertificatePolicies", 1, 20);
        if (policyIn != null) {
            policies = new ArrayList<>();
            for (Input p : policyIn) {
                ASN1ObjectIdentifier id = oid(p, "certPolicyId", p.requiredString("CertPolicyId", 1, 64));
                List<Input> qualifiers = p.objects("PolicyQualifiers", 1, 20);
                if (qualifiers == null) {
                    policies.add(new PolicyInformation(id));
                } else {
                    ASN1EncodableVector v = new ASN1EncodableVector();
                    for (Input q : qualifiers) {
                        String qid = q.requiredString("PolicyQualifierId", 1, 16);
                        if (!qid.equals("CPS")) throw AwsException.validation(q.path() + ".policyQualifierId", qid, "Member must satisfy enum value set: [CPS]");
                        v.add(new PolicyQualifierInfo(q.requiredObject("Qualifier").requiredString("CpsUri", 1, 256)));
                    }
                    policies.add(new PolicyInformation(id, new DERSequence(v)));
                }
            }
        }
        List<ApiPassthrough.CustomExtension> custom = null;
        List<Input> customIn = ext.objects("CustomExtensions", 1, 150);
        if (customIn != null) {
            custom = new ArrayList<>();
            for (Input c : customIn) {
                ASN1ObjectIdentifier id = oid(c, "objectIdentifier", c.requiredString("ObjectIdentifier", 1, 64));
                byte[] value;
                try {
                    value = Base64.getDecoder().decode(c.requiredString("Value", 1, 4096));
                } catch (IllegalArgumentException e) {
                    throw new AwsException("InvalidArgsException", 400, c.path() + ".value must be base64");
                }
                custom.add(new ApiPassthrough.CustomExtension(id, value, Boolean.TRUE.equals(c.bool("Critical"))));
            }
        }
        return new ApiPassthrough(subject, sans, keyUsage, ekus, policies, custom);
    }

    /** GeneralName: exactly one member set, else InvalidArgsException as AWS answers. */
    private static GeneralName generalName(Input g) {
        List<GeneralName> found = new ArrayList<>();
        String dns = g.string("DnsName", 0, 253);
        if (dns != null) found.add(new GeneralName(GeneralName.dNSName, dns));
        String ip = g.string("IpAddress", 0, 39);
        if (ip != null) {
            if (!ip.matches("[0-9.]+|[0-9a-fA-F:.]+")) throw new AwsException("InvalidArgsException", 400, g.path() + ".ipAddress '" + ip + "' is not an IP address");
            try {
                found.add(new GeneralName(GeneralName.iPAddress, ip));
            } catch (IllegalArgumentException e) {
                throw new AwsException("InvalidArgsException", 400, g.path() + ".ipAddress '" + ip + "' is not an IP address");
            }
        }
        String email = g.string("Rfc822Name", 0, 256);
        if (email != null) found.add(new GeneralName(GeneralName.rfc822Name, email));
        String uri = g.string("UniformResourceIdentifier", 0, 253);
        if (uri != null) found.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
        String registered = g.string("RegisteredId", 0, 64);
        if (registered != null) found.add(new GeneralName(GeneralName.registeredID, oid(g, "registeredId", registered)));
        Input directory = g.object("DirectoryName");
        if (directory != null) found.add(new GeneralName(name(AwsShapes.subject(directory))));
        Input other = g.object("OtherName");
        if (other != null) {
            ASN1ObjectIdentifier type = oid(other, "typeId", other.requiredString("TypeId", 1, 64));
            ASN1Encodable value = new DERUTF8String(other.requiredString("Value", 1, 256));
            found.add(new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {type, new DERTaggedObject(true, 0, value)})));
        }
        Input edi = g.object("EdiPartyName");
        if (edi != null) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            String assigner = edi.string("NameAssigner", 0, 256);
            if (assigner != null) v.add(new DERTaggedObject(true, 0, new DERUTF8String(assigner)));
            v.add(new DERTaggedObject(true, 1, new DERUTF8String(edi.requiredString("PartyName", 1, 256))));
            found.add(new GeneralName(GeneralName.ediPartyName, new DERSequence(v)));
        }
        if (found.size() != 1) {
            throw new AwsException("InvalidArgsException", 400, g.path() + " must set exactly one kind of name, not " + found.size());
        }
        return found.getFirst();
    }

    private static X500Name name(CaSubject subject) {
        X500NameBuilder b = new X500NameBuilder();
        for (CaSubject.Entry e : subject.entries()) b.addRDN(e.oid(), e.value());
        return b.build();
    }

    private static ASN1ObjectIdentifier oid(Input in, String member, String value) {
        try {
            return new ASN1ObjectIdentifier(value);
        } catch (IllegalArgumentException e) {
            throw AwsException.validation(in.path() + "." + member, value, "Member must be an object identifier");
        }
    }
}
