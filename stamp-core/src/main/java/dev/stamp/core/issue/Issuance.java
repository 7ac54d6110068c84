package dev.stamp.core.issue;

import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CaSigner;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyIdentifiers;
import dev.stamp.core.crypto.KeyPolicy;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.crypto.DerElements;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.crypto.SignatureVerifier;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.store.CaStore;
import dev.stamp.core.store.CertificateNames;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStore;
import dev.stamp.core.store.Reservation;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The issuance pipeline. Every certificate, whichever protocol asked for it, goes through {@link #issue}:
 * <ol>
 *   <li>parse and verify the CSR (proof of possession, key policy, a subject or a SAN);</li>
 *   <li>resolve the template and passthrough rules (template &gt; API passthrough &gt; CSR);</li>
 *   <li>compute the validity (backdated notBefore, never past the issuer);</li>
 *   <li>check policy: CA state, path length and depth, name constraints of every CA above, usage mode;</li>
 *   <li>draw a random serial;</li>
 *   <li>build the to-be-signed certificate and lint it;</li>
 *   <li>record the intent (reserving the serial), sign through the key vault, record the certificate and its
 *       audit event, and only then answer.</li>
 * </ol>
 * Thread-safe: all state lives in the store.
 */
public final class Issuance {
    /** AWS backdates notBefore by an hour to absorb clock skew. */
    public static final Duration BACKDATE = Duration.ofMinutes(60);
    /** AWS: the same idempotency token within five minutes returns the first result. */
    public static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(5);

    private final CaStore cas;
    private final CertificateStore certificates;
    private final CaSigner signer;
    private final SignatureVerifier verifier;
    private final SerialNumbers serials;
    private final InstantSource clock;
    private final PublicEndpoints endpoints;

    public Issuance(CaStore cas, CertificateStore certificates, CaSigner signer, SignatureVerifier verifier,
                    SerialNumbers serials, InstantSource clock, PublicEndpoints endpoints) {
        this.cas = Objects.requireNonNull(cas);
        this.certificates = Objects.requireNonNull(certificates);
        this.signer = Objects.requireNonNull(signer);
        this.verifier = Objects.requireNonNull(verifier);
        this.serials = Objects.requireNonNull(serials);
        this.clock = Objects.requireNonNull(clock);
        this.endpoints = Objects.requireNonNull(endpoints);
    }

    public IssuedCertificate issue(IssueRequest request) {
        // 1. Parse and verify the request.
        byte[] csrDer = Pem.csrDer(request.csr());
        PKCS10CertificationRequest csr = Pem.csrFromDer(csrDer);
        boolean possession;
        try {
            // The signature covers the request info as sent; only a BER (indefinite-length) request is re-encoded.
            byte[] signed = DerElements.firstInSequence(csrDer).orElseGet(() -> der(csr.toASN1Structure().getCertificationRequestInfo()));
            possession = verifier.verify(csr.getSubjectPublicKeyInfo(), csr.getSignatureAlgorithm(), signed, csr.getSignature());
        } catch (RuntimeException e) {
            // Bouncy Castle parses lazily: a structure that decoded may still hold a malformed field.
            throw StampException.malformedCsr("the CSR is malformed: " + e.getMessage());
        }
        if (!possession) {
            throw StampException.malformedCsr("the CSR's signature does not verify with its own public key (no proof of possession)");
        }
        KeyPolicy.check(csr.getSubjectPublicKeyInfo());
        CertificateAuthority ca = cas.find(request.caId())
                .orElseThrow(() -> StampException.notFound("certificate authority " + request.caId() + " does not exist"));
        SigningAlgorithm algorithm = request.signingAlgorithm() != null ? request.signingAlgorithm() : ca.signingAlgorithm();
        algorithm.requireFits(ca.keyAlgorithm());
        boolean selfIssue = ca.type() == CaType.ROOT && ca.certificate() == null
                && ca.csr() != null && ca.csr().getSubjectPublicKeyInfo().equals(csr.getSubjectPublicKeyInfo());

        // 2. Resolve the template and passthrough rules.
        Template template = request.template();
        IssuancePolicy.requireTemplateFits(ca, template, selfIssue);
        IssuancePolicy.requireIssuing(ca, selfIssue);
        ExtensionPlan.Plan plan = ExtensionPlan.decide(template, csr, request.apiPassthrough(),
                selfIssue ? null : KeyIdentifiers.ofIssuer(ca.certificate()), selfIssue ? ExtensionPlan.Links.NONE : links(ca, template, null));
        var sans = ExtensionPlan.subjectAlternativeNames(plan.extensions());
        if (plan.subject().getRDNs().length == 0 && sans.isEmpty()) {
            throw StampException.malformedCsr("the request has neither a subject nor a subject alternative name");
        }

        // 3. Validity.
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = request.validity().notAfter(now).truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = request.notBefore() != null ? request.notBefore().truncatedTo(ChronoUnit.SECONDS) : defaultNotBefore(ca, now);
        IssuancePolicy.checkValidity(ca, now, notBefore, notAfter);

        // 4. Policy of this CA and every CA above it.
        IssuancePolicy.checkPath(ca, template);
        IssuancePolicy.checkNames(ca, plan.subject(), sans);

        X500Name issuer = selfIssue ? plan.subject() : ca.certificate().getSubject();
        while (true) {
            // 5. A random serial, and 6. the to-be-signed certificate, linted before anything signs it.
            BigInteger serial = serials.next();
            // A partitioned CA's CDP names the partition of this serial, so the plan is redone for it.
            ExtensionPlan.Plan serialPlan = !selfIssue && ca.revocation().crlPartitioned()
                    ? ExtensionPlan.decide(template, csr, request.apiPassthrough(), KeyIdentifiers.ofIssuer(ca.certificate()), links(ca, template, serial))
                    : plan;
            TBSCertificate tbs = tbs(serial, algorithm, issuer, notBefore, notAfter, serialPlan, csr);
            CertificateLinter.require(tbs, selfIssue);

            // 7. Record the intent (this reserves the serial), sign, record the certificate, then answer.
            byte[] tbsDer = der(tbs);
            CertificateRecord pending = new CertificateRecord(ca.id(), serial, CertificateState.PENDING, template.name(),
                    serialPlan.subject().toString(), notBefore, notAfter, tbsDer, request.idempotencyToken(), now);
            // The names come from the plan the TBS was built from, so the store need not parse the TBS for them.
            String names = CertificateNames.of(serialPlan.subject(), sans);
            Reservation reservation = certificates.reserve(pending, names, now.minus(IDEMPOTENCY_WINDOW));
            switch (reservation) {
                case Reservation.SerialTaken taken -> { continue; }
                case Reservation.TokenUsed used -> { return earlier(ca, used.earlier(), selfIssue); }
                case Reservation.Reserved reserved -> { }
            }
            byte[] certificateDer;
            try {
                certificateDer = signer.signEncoded(tbsDer, ca.keyId(), algorithm);
            } catch (RuntimeException e) {
                certificates.recordFailed(ca.id(), serial, event(request, ca, pending, "IssueCertificateFailed", now));
                throw e;
            }
            CertificateRecord issued = pending.issued(certificateDer);
            certificates.recordIssued(issued, event(request, ca, issued, "IssueCertificate", now));
            return new IssuedCertificate(issued, selfIssue ? List.of() : ca.certificateWithChain());
        }
    }

    /** A stored certificate with the chain that validates it; NOT_FOUND, REQUEST_IN_PROGRESS while it is being signed, REQUEST_FAILED if signing failed. */
    public IssuedCertificate certificate(String caId, BigInteger serial) {
        CertificateAuthority ca = cas.find(caId).orElseThrow(() -> StampException.notFound("certificate authority " + caId + " does not exist"));
        CertificateRecord record = certificates.find(caId, serial)
                .orElseThrow(() -> StampException.notFound("certificate " + serial.toString(16) + " of CA " + caId + " does not exist"));
        return earlier(ca, record, false);
    }

    private IssuedCertificate earlier(CertificateAuthority ca, CertificateRecord record, boolean selfIssue) {
        return switch (record.state()) {
            case ISSUED -> {
                // A root's own certificate validates by itself; everything else needs the issuing CA's chain.
                boolean own = selfIssue || Template.named(record.template()).kind() == Template.Kind.ROOT_CA;
                yield new IssuedCertificate(record, own ? List.of() : ca.certificateWithChain());
            }
            case PENDING -> throw new StampException(dev.stamp.core.ErrorCode.REQUEST_IN_PROGRESS,
                    "certificate " + record.serialHex() + " is still being issued");
            case FAILED -> throw new StampException(dev.stamp.core.ErrorCode.REQUEST_FAILED,
                    "certificate " + record.serialHex() + " is in a failed state");
        };
    }

    private Instant defaultNotBefore(CertificateAuthority ca, Instant now) {
        Instant backdated = now.minus(BACKDATE);
        Instant caStart = ca.notBefore();
        return caStart != null && caStart.isAfter(backdated) ? caStart : backdated;
    }

    /** The links a certificate carries (none to revocation for an OCSP responder); with a partitioned CA's CRL, the partition of {@code serial} (null: not drawn yet). */
    private ExtensionPlan.Links links(CertificateAuthority ca, Template template, BigInteger serial) {
        var config = ca.revocation();
        if (template.isOcspSigning()) {
            // A responder certificate carries id-pkix-ocsp-nocheck instead of revocation links (RFC 6960 4.2.2.2.1).
            return new ExtensionPlan.Links(null, null, config.ocspEnabled() || config.crlEnabled() ? endpoints.caIssuers(ca.id()) : null);
        }
        int partition = config.crlPartitioned() && serial != null ? CrlPartitions.of(serial) : CrlPartitions.WHOLE;
        String crl = config.crlEnabled() && !config.crlOmitExtension() ? endpoints.crl(ca.id(), config, partition) : null;
        String ocsp = config.ocspEnabled() ? endpoints.ocsp(config) : null;
        String caIssuers = config.ocspEnabled() || config.crlEnabled() ? endpoints.caIssuers(ca.id()) : null;
        return new ExtensionPlan.Links(crl, ocsp, caIssuers);
    }

    private static TBSCertificate tbs(BigInteger serial, SigningAlgorithm algorithm, X500Name issuer, Instant notBefore,
                                      Instant notAfter, ExtensionPlan.Plan plan, PKCS10CertificationRequest csr) {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(new ASN1Integer(serial));
        g.setSignature(algorithm.identifier());
        g.setIssuer(issuer);
        g.setStartDate(new Time(Date.from(notBefore), Locale.ROOT));
        g.setEndDate(new Time(Date.from(notAfter), Locale.ROOT));
        g.setSubject(plan.subject());
        g.setSubjectPublicKeyInfo(csr.getSubjectPublicKeyInfo());
        g.setExtensions(plan.extensions());
        return g.generateTBSCertificate();
    }

    private static AuditEvent event(IssueRequest request, CertificateAuthority ca, CertificateRecord record, String action, Instant at) {
        return new AuditEvent(at, request.actor(), action, ca.id(), record.serialHex(),
                "template=" + record.template() + " subject=" + record.subject() + " notAfter=" + record.notAfter());
    }

    private static byte[] der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return o.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
