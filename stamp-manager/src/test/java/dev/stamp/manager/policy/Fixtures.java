package dev.stamp.manager.policy;

import dev.stamp.manager.spec.Certificate;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.KeyUsage;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.OtherName;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.Subject;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real keys, certificates and CSRs made with the JDK and Bouncy Castle, and the spec values the tests vary. Keys are
 * generated once per JVM (P-256; one RSA 2048 for the key-size rows). The clock is fixed at {@link #NOW}.
 */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final KeyPair KEY = ec("secp256r1");
    static final KeyPair OTHER_KEY = ec("secp256r1");
    static final KeyPair P384_KEY = ec("secp384r1");
    static final KeyPair CA_KEY = ec("secp256r1");
    private static KeyPair rsa;
    private static KeyPair ed25519;
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private Fixtures() {}

    static synchronized KeyPair rsa2048() {
        if (rsa == null) rsa = generate("RSA", null, 2048);
        return rsa;
    }

    static synchronized KeyPair ed25519() {
        if (ed25519 == null) ed25519 = generate("Ed25519", null, 0);
        return ed25519;
    }

    static KeyPair ec(String curve) {
        return generate("EC", curve, 0);
    }

    private static KeyPair generate(String algorithm, String curve, int size) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) g.initialize(new ECGenParameterSpec(curve));
            else if (size > 0) g.initialize(size);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- PEM ----

    /** PKCS#1 for RSA, SEC1 for EC (OpenSSL's traditional forms); Ed25519 has only PKCS#8. */
    static String traditionalPem(PrivateKey key) {
        if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) return pem(key);
        // The JDK's PKCS#8 keeps the curve outside the inner SEC1 structure; OpenSSL's SEC1 carries it inside.
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey sec1 = new ECPrivateKey(ec.getParams().getOrder().bitLength(), inner.getKey(), inner.getPublicKey(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    // ---- certificates and CSRs ----

    record Names(String cn, List<String> dns, List<String> ips, List<String> uris, List<String> emails,
                 List<OtherName> otherNames, List<String> organizations) {
        static Names of(String cn, String... dns) {
            return new Names(cn, List.of(dns), List.of(), List.of(), List.of(), List.of(), List.of());
        }

        Names withIps(String... ips) {
            return new Names(cn, dns, List.of(ips), uris, emails, otherNames, organizations);
        }

        Names withUris(String... values) {
            return new Names(cn, dns, ips, List.of(values), emails, otherNames, organizations);
        }

        Names withEmails(String... values) {
            return new Names(cn, dns, ips, uris, List.of(values), otherNames, organizations);
        }

        Names withOtherNames(OtherName... values) {
            return new Names(cn, dns, ips, uris, emails, List.of(values), organizations);
        }

        Names withOrganizations(String... values) {
            return new Names(cn, dns, ips, uris, emails, otherNames, List.of(values));
        }

        X500Name subject() {
            X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
            for (String o : organizations) b.addRDN(BCStyle.O, o);
            if (!cn.isEmpty()) b.addRDN(BCStyle.CN, cn);
            return b.build();
        }

        GeneralNames sans() {
            List<GeneralName> out = new ArrayList<>();
            dns.forEach(d -> out.add(new GeneralName(GeneralName.dNSName, d)));
            ips.forEach(i -> out.add(new GeneralName(GeneralName.iPAddress, i)));
            uris.forEach(u -> out.add(new GeneralName(GeneralName.uniformResourceIdentifier, u)));
            emails.forEach(e -> out.add(new GeneralName(GeneralName.rfc822Name, e)));
            for (OtherName o : otherNames) {
                ASN1EncodableVector v = new ASN1EncodableVector();
                v.add(new ASN1ObjectIdentifier(o.oid()));
                v.add(new DERTaggedObject(true, 0, new DERUTF8String(o.utf8Value())));
                out.add(new GeneralName(GeneralName.otherName, new DERSequence(v)));
            }
            return out.isEmpty() ? null : new GeneralNames(out.toArray(GeneralName[]::new));
        }
    }

    static String certificate(KeyPair subject, Names names, Instant notBefore, Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=Test CA"),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    names.subject(), subject.getPublic());
            GeneralNames sans = names.sans();
            if (sans != null) b.addExtension(Extension.subjectAlternativeName, false, sans);
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(CA_KEY.getPrivate());
            return pem(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 90-day certificate that started 10 days before {@link #NOW}: renewal at day 60, well ahead. */
    static String freshCertificate(KeyPair subject, Names names) {
        Instant notBefore = NOW.minus(Duration.ofDays(10));
        return certificate(subject, names, notBefore, notBefore.plus(Duration.ofDays(90)));
    }

    static String csr(KeyPair key, Names names) {
        try {
            JcaPKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(names.subject(), key.getPublic());
            GeneralNames sans = names.sans();
            if (sans != null) {
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(Extension.subjectAlternativeName, false, sans);
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            String algorithm = switch (key.getPrivate().getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> "Ed25519";
            };
            return pem(b.build(new JcaContentSignerBuilder(algorithm).build(key.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- resources ----

    static final Names NAMES = Names.of("app.private.example.net", "app.private.example.net");
    static final IssuerRef ISSUER = new IssuerRef("stamp", "ClusterIssuer", "cert-manager.io");

    static CertificateSpec spec() {
        return new SpecBuilder().build();
    }

    /** The spec fields the tests vary; the rest take cert-manager's defaults. */
    static final class SpecBuilder {
        String commonName = NAMES.cn();
        String literalSubject = "";
        Subject subject = Subject.EMPTY;
        List<String> dnsNames = NAMES.dns();
        List<String> ipAddresses = List.of();
        List<String> uris = List.of();
        List<String> emails = List.of();
        List<OtherName> otherNames = List.of();
        Duration duration = CertificateSpec.DEFAULT_DURATION;
        Duration renewBefore;
        Integer renewBeforePercentage;
        boolean isCA;
        List<KeyUsage> usages = CertificateSpec.DEFAULT_USAGES;
        PrivateKeySpec privateKey = new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 256, PrivateKeyEncoding.PKCS1, RotationPolicy.Always);
        IssuerRef issuerRef = ISSUER;

        CertificateSpec build() {
            return new CertificateSpec("app-tls", issuerRef, commonName, literalSubject, subject, dnsNames, ipAddresses,
                    uris, emails, otherNames, duration, renewBefore, renewBeforePercentage, isCA, usages, privateKey, null,
                    true, 1, null, null, List.of(), null);
        }
    }

    static Certificate certificate(CertificateSpec spec) {
        return new Certificate(ObjectMeta.of("default", "app"), spec);
    }

    static CertificateRequest request(String csrPem, CertificateSpec spec) {
        return new CertificateRequest(new ObjectMeta("app-1", "default", Map.of(),
                Map.of(CertificateRequest.REVISION_ANNOTATION, "1")),
                new CertificateRequestSpec(csrPem, spec.issuerRef(), spec.duration(), spec.isCA(), spec.usages()));
    }

    /** The Secret as the agent writes it: tls.key, tls.crt and the issuer and certificate-name annotations. */
    static Secret secret(String keyPem, String certPem) {
        return secret(keyPem, certPem, annotations(ISSUER, "app"));
    }

    static Secret secret(String keyPem, String certPem, Map<String, String> annotations) {
        Map<String, byte[]> data = new LinkedHashMap<>();
        if (keyPem != null) data.put(Secret.TLS_KEY, keyPem.getBytes(StandardCharsets.US_ASCII));
        if (certPem != null) data.put(Secret.TLS_CRT, certPem.getBytes(StandardCharsets.US_ASCII));
        return new Secret(new ObjectMeta("app-tls", "default", Map.of(), annotations), Secret.TLS_TYPE, data);
    }

    static Map<String, String> annotations(IssuerRef issuer, String certificateName) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("cert-manager.io/issuer-name", issuer.name());
        a.put("cert-manager.io/issuer-kind", issuer.kind());
        a.put("cert-manager.io/issuer-group", issuer.group());
        a.put(CertificateRequest.CERTIFICATE_NAME_ANNOTATION, certificateName);
        return a;
    }

    static PolicyInput input(CertificateSpec spec, Secret secret, CertificateRequest current, Instant now) {
        return new PolicyInput(certificate(spec), Optional.ofNullable(secret), Optional.ofNullable(current), Optional.empty(), now);
    }
}
