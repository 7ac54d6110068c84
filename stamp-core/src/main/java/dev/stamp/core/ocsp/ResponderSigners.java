package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CaSigner;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.OcspSigning;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Issuance;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStore;
import dev.stamp.core.vault.KeyVault;
import dev.stamp.core.vault.VaultKey;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which key signs a CA's responses, and keeps delegated responders current: when the stored responder is
 * missing or past its rotation time, a fresh key is generated in the vault and an {@code OCSPSigningCertificate/V1}
 * certificate for it goes through the issuance pipeline (so it is recorded and audited like any other), then recorded
 * as the CA's next generation. A process that loses that race uses the winner's. When no delegated responder can be
 * had (the CA is disabled, say) and the last one has ended, the CA key signs: a response is never refused for it.
 * Thread-safe; one rotation per CA at a time in this process.
 */
final class ResponderSigners {
    static final String TEMPLATE = "OCSPSigningCertificate/V1";
    static final String ACTOR = "ocsp-responder";
    /** How long after a failed rotation the next attempt is made. */
    static final Duration RETRY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ResponderSigners.class);

    private final OcspSignerStore store;
    private final CertificateStore certificates;
    private final Issuance issuance;
    private final CaSigner csrSigner;
    private final InstantSource clock;
    private final OcspSettings settings;
    private final Map<String, ResponseSigner> loaded = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    ResponderSigners(OcspSignerStore store, CertificateStore certificates, Issuance issuance, KeyVault vault,
                     InstantSource clock, OcspSettings settings) {
        this.store = store;
        this.certificates = certificates;
        this.issuance = issuance;
        this.csrSigner = new CaSigner(vault);
        this.clock = clock;
        this.settings = settings;
    }

    /** The signer of {@code ca}'s responses now; for a delegated CA this may issue a new responder certificate. */
    ResponseSigner forCa(CertificateAuthority ca) {
        if (ca.revocation().ocspSigning() == OcspSigning.CA) return ResponseSigner.of(ca);
        Instant now = clock.instant();
        ResponseSigner known = loaded.get(ca.id());
        if (known != null && now.isBefore(known.rotateAt())) return known;
        synchronized (locks.computeIfAbsent(ca.id(), id -> new Object())) {
            known = loaded.get(ca.id());
            if (known != null && now.isBefore(known.rotateAt())) return known;
            ResponseSigner current = current(ca, now);
            loaded.put(ca.id(), current);
            return current;
        }
    }

    private ResponseSigner current(CertificateAuthority ca, Instant now) {
        Optional<DelegatedSigner> stored = store.current(ca.id());
        if (stored.isPresent() && now.isBefore(stored.get().rotateAt())) {
            Optional<ResponseSigner> signer = load(ca, stored.get());
            if (signer.isPresent()) return signer.get();
        }
        long generation = stored.map(s -> s.generation() + 1).orElse(1L);
        try {
            // Checked before a key is generated: a disabled CA would otherwise leave a stray key in the vault per retry.
            if (!ca.status().issuing()) throw new IllegalStateException("CA is " + ca.status());
            DelegatedSigner created = issue(ca, generation, now);
            if (store.add(created)) {
                LOG.info("CA {}: OCSP responder generation {} (certificate {}) valid until {}", ca.id(), generation,
                        CertificateRecord.hex(created.serial()), created.notAfter());
                return load(ca, created).orElseThrow();
            }
            // Another process recorded this generation first: everyone signs with its responder; ours stays unused.
            LOG.info("CA {}: another process issued OCSP responder generation {}; using it", ca.id(), generation);
            stored = store.current(ca.id());
        } catch (RuntimeException e) {
            LOG.warn("CA {}: cannot issue an OCSP responder certificate ({}); keeping the current signer", ca.id(), e.toString());
        }
        // The last responder signs for as long as its certificate outlasts a response; after that, the CA key. Either
        // way a new responder is tried again after RETRY, not on every request.
        Instant retry = now.plus(RETRY);
        return stored.filter(s -> now.plus(settings.responseValidity()).isBefore(s.notAfter()))
                .flatMap(s -> load(ca, s))
                .map(s -> new ResponseSigner(s.keyId(), s.algorithm(), s.responderKey(), s.certificates(), retry, s.notAfter()))
                .orElseGet(() -> ResponseSigner.of(ca).retryAt(retry));
    }

    private DelegatedSigner issue(CertificateAuthority ca, long generation, Instant now) {
        VaultKey key = csrSigner.vault().generate(ca.keyAlgorithm());
        var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "OCSP responder " + generation).build();
        var info = new CertificationRequestInfo(subject, SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()), new DERSet());
        byte[] csr;
        try {
            csr = csrSigner.sign(info, key.keyId(), ca.signingAlgorithm()).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant notAfter = now.plus(settings.signerValidity()).truncatedTo(ChronoUnit.SECONDS);
        if (ca.notAfter() != null && notAfter.isAfter(ca.notAfter())) notAfter = ca.notAfter();
        IssuedCertificate issued = issuance.issue(new IssueRequest(ca.id(), csr, null, Template.named(TEMPLATE),
                Validity.until(notAfter), null, null, null, ACTOR));
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        Instant rotateAt = start.plus(settings.rotateAfter(Duration.between(start, issued.record().notAfter())));
        return new DelegatedSigner(ca.id(), generation, key.keyId(), issued.record().serial(), rotateAt, issued.record().notAfter());
    }

    private Optional<ResponseSigner> load(CertificateAuthority ca, DelegatedSigner s) {
        Optional<CertificateRecord> record = certificates.find(ca.id(), s.serial()).filter(r -> r.state() == CertificateState.ISSUED);
        if (record.isEmpty()) {
            LOG.warn("CA {}: OCSP responder certificate {} is not in the store", ca.id(), CertificateRecord.hex(s.serial()));
            return Optional.empty();
        }
        var certificate = Pem.certificate(record.get().der());
        return Optional.of(new ResponseSigner(s.keyId(), ca.signingAlgorithm(), certificate.getSubjectPublicKeyInfo(),
                List.of(certificate), s.rotateAt(), s.notAfter()));
    }
}
