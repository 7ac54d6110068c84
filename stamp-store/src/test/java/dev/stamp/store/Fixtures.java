package dev.stamp.store;

import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaSubject;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.OcspSigning;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.ca.SubjectAttribute;
import dev.stamp.core.ca.UsageMode;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** CAs, certificate records and audit events to store in tests. */
final class Fixtures {
    /** Nanoseconds on purpose: instants must come back exactly. */
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123456789Z");

    private Fixtures() {}

    /**
     * A subordinate with every field set: a real CSR, its certificate signed by a real root, the root as its chain,
     * a deleted status with the status before, custom CNAMEs, and subject values that need escaping.
     */
    static CertificateAuthority subordinate(String id, Instant createdAt) {
        KeyPair rootKey = TestPki.p256();
        X500Name rootName = new X500Name("CN=Stamp Test Root,O=Stamp,C=US");
        X509CertificateHolder root = TestPki.caCertificate(rootName, rootKey.getPublic(), rootName, rootKey.getPrivate(),
                BigInteger.ONE, createdAt, createdAt.plus(Duration.ofDays(3650)), 2);
        CaSubject subject = new CaSubject(List.of(
                entry(SubjectAttribute.COUNTRY, "DE"),
                entry(SubjectAttribute.ORGANIZATION, "100% Stamp\nTwo lines, \\ and \"quotes\""),
                entry(SubjectAttribute.COMMON_NAME, "#not hex=really " + id)));
        KeyPair subKey = TestPki.p256();
        X500Name subName = new X500Name("CN=Stamp Test Sub,O=Stamp,C=DE");
        X509CertificateHolder sub = TestPki.caCertificate(subName, subKey.getPublic(), rootName, rootKey.getPrivate(),
                new BigInteger("7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a", 16), createdAt, createdAt.plus(Duration.ofDays(365)), 0);
        return new CertificateAuthority(id, CaType.SUBORDINATE, CaStatus.DELETED, CaStatus.DISABLED,
                UsageMode.SHORT_LIVED_CERTIFICATE, KeyAlgorithm.EC_prime256v1, SigningAlgorithm.SHA384WITHECDSA,
                subject, "key-" + id, TestPki.csr(subName, subKey), sub, List.of(root),
                new RevocationConfiguration(true, 30, "crl.example.com", false, true, true, "ocsp.example.com", OcspSigning.DELEGATED),
                createdAt, createdAt.plusNanos(1), createdAt.plus(Duration.ofDays(30)).plusNanos(7), 7);
    }

    /** A root still waiting for its certificate: every optional field empty. */
    static CertificateAuthority pendingRoot(String id, Instant createdAt) {
        return new CertificateAuthority(id, CaType.ROOT, CaStatus.PENDING_CERTIFICATE, null, UsageMode.GENERAL_PURPOSE,
                KeyAlgorithm.EC_prime256v1, SigningAlgorithm.SHA256WITHECDSA, CaSubject.commonName("Root " + id),
                "key-" + id, null, null, List.of(), RevocationConfiguration.disabled(), createdAt, createdAt, null, 1);
    }

    /** Custom OID attributes, one of them the CN's OID, which must stay custom rather than become the named CN. */
    static CertificateAuthority customSubject(String id, Instant createdAt) {
        CaSubject subject = new CaSubject(List.of(
                new CaSubject.Entry(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), null, "custom value"),
                new CaSubject.Entry(SubjectAttribute.COMMON_NAME.oid(), null, "cn as custom")));
        CertificateAuthority base = pendingRoot(id, createdAt);
        return new CertificateAuthority(id, base.type(), base.status(), null, base.usageMode(), base.keyAlgorithm(),
                base.signingAlgorithm(), subject, base.keyId(), null, null, List.of(), base.revocation(), createdAt,
                createdAt, null, 1);
    }

    static CaSubject.Entry entry(SubjectAttribute attribute, String value) {
        return new CaSubject.Entry(attribute.oid(), attribute, value);
    }

    /** A PENDING record whose "to-be-signed" bytes are recognisable per serial. */
    static CertificateRecord pending(String caId, BigInteger serial, String token, Instant createdAt) {
        return new CertificateRecord(caId, serial, CertificateState.PENDING, "EndEntityCertificate/V1",
                "CN=leaf " + serial.toString(16), createdAt.minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                createdAt.plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS), ("tbs " + serial).getBytes(StandardCharsets.UTF_8),
                token, createdAt);
    }

    static byte[] signed(BigInteger serial) {
        return ("signed " + serial).getBytes(StandardCharsets.UTF_8);
    }

    static AuditEvent event(String action, String caId, String target, Instant at) {
        return new AuditEvent(at, "test-admin", action, caId, target, "detail of " + action);
    }
}
