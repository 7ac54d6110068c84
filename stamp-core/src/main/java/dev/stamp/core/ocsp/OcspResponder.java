package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.OcspSigning;
import dev.stamp.core.issue.Issuance;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.revoke.RevocationStore;
import dev.stamp.core.store.CaStore;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.CertificateStore;
import dev.stamp.core.vault.KeyVault;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The OCSP responder (RFC 6960, RFC 5019 profile) for every CA Stamp holds. Each CA's responses are signed by the CA
 * key or, when its revocation configuration says {@link OcspSigning#DELEGATED}, by a short-lived responder certificate
 * the CA issued ({@link ResponderSigners}: id-kp-OCSPSigning, id-pkix-ocsp-nocheck, rotated before it ends), which the
 * response carries. The responder id is the signer's key hash.
 *
 * <p>The CA is found by the request's issuerNameHash and issuerKeyHash (SHA-1, SHA-256 or any digest Bouncy Castle
 * knows) against each CA certificate; a request for an issuer Stamp does not hold gets {@code unauthorized}
 * (RFC 5019 section 2.2.3). A serial the CA never issued is {@code unknown}. Malformed requests (undecodable, no
 * single request, more than {@link #MAX_SINGLE_REQUESTS}, a nonce outside 1..32 octets) get {@code malformedRequest};
 * a failure to sign gets {@code internalError}: {@link #respond} never throws for what a client sends.
 *
 * <p>Nonce (RFC 8954): a request nonce of 1 to 32 octets is echoed; a longer or empty one is refused with
 * {@code malformedRequest} rather than silently dropped, so a client that insists on replay protection learns it.
 *
 * <p>Responses without nonce to a single request for a good or revoked certificate are kept pre-signed (at most
 * {@link OcspSettings#cacheCapacity()}, least recently used out first). {@link #refresh()}, run by the server every
 * {@link OcspSettings#refreshInterval()}, signs them again once {@link OcspSettings#refreshAfter()} of their validity
 * has passed, signs ahead for the most recently issued certificates, and rotates delegated responders, so a request
 * for a known certificate costs no signature. How a kept response learns of a revocation is its {@link Freshness}:
 * by default the revocation store is asked (one indexed read) before it is served, so a revocation recorded by any
 * process shows on the next request; a server whose watcher calls {@link #invalidate} for every revocation any process
 * records sets {@link Freshness#WATCHED} and serves kept responses from memory. Either way {@link #invalidate} signs
 * the new answer at once. Thread-safe.
 */
public final class OcspResponder {
    /** More single requests than this in one request is refused as malformed: each one could cost a store read. */
    public static final int MAX_SINGLE_REQUESTS = 10;
    static final int MAX_NONCE_OCTETS = 32;
    private static final String OCSP_SIGNING_TEMPLATE = "OCSPSigningCertificate/";

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    private static final DigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

    private final CaStore cas;
    private final CertificateStore certificates;
    private final RevocationStore revocations;
    private final KeyVault vault;
    private final InstantSource clock;
    private final OcspSettings settings;
    private final ResponseCache cache;
    private final IssuerIndex issuers;
    private final ResponderSigners signers;
    private volatile Freshness freshness = Freshness.READ_PER_REQUEST;

    /** How a kept response is known to be still true before it is served. */
    public enum Freshness {
        /** One revocation-store read per served response: right even when nothing watches the store (library use). */
        READ_PER_REQUEST,
        /**
         * No read: whoever sets this promises to call {@link #invalidate} for every revocation any process records,
         * within the propagation bound (the server's watcher polls every second). Set it back when that stops. The
         * issuing CA, read and matched once, is reused for {@link #WATCHED_CA_REUSE}: a CA deleted or re-certified by
         * another process stops being answered for within that same bound.
         */
        WATCHED
    }

    /** How long a watched responder answers from a CA it read, without reading it again. */
    public static final java.time.Duration WATCHED_CA_REUSE = java.time.Duration.ofSeconds(1);

    public OcspResponder(CaStore cas, CertificateStore certificates, RevocationStore revocations, KeyVault vault,
                         Issuance issuance, OcspSignerStore signerStore, InstantSource clock, OcspSettings settings) {
        this.cas = Objects.requireNonNull(cas);
        this.issuers = new IssuerIndex(cas, DIGESTS);
        this.certificates = Objects.requireNonNull(certificates);
        this.revocations = Objects.requireNonNull(revocations);
        this.vault = Objects.requireNonNull(vault);
        this.clock = Objects.requireNonNull(clock);
        this.settings = Objects.requireNonNull(settings);
        this.cache = new ResponseCache(settings.cacheCapacity());
        this.signers = new ResponderSigners(Objects.requireNonNull(signerStore), certificates, Objects.requireNonNull(issuance),
                vault, clock, settings);
    }

    /** Answers one DER {@code OCSPRequest}; never throws for a bad request. */
    public OcspAnswer respond(byte[] requestDer) {
        Request request;
        try {
            request = Request.parse(requestDer);
        } catch (Malformed e) {
            LOG.debug("malformed OCSP request: {}", e.getMessage());
            return error(OCSPRespBuilder.MALFORMED_REQUEST, OcspStatus.MALFORMED_REQUEST);
        }
        try {
            return answer(request);
        } catch (RuntimeException e) {
            LOG.warn("OCSP response failed: {}", e.toString());
            return error(OCSPRespBuilder.INTERNAL_ERROR, OcspStatus.INTERNAL_ERROR);
        }
    }

    /**
     * After a revocation (in this process, or seen by a watcher): drops the kept responses for the certificate and
     * signs its new one at once, so the next request costs no signature. Never throws; a failure leaves the
     * certificate uncached and the next request signs.
     */
    public void invalidate(String caId, BigInteger serial) {
        List<ResponseCache.Cached> dropped = cache.remove(caId, serial);
        try {
            Optional<CertificateAuthority> ca = cas.find(caId).filter(IssuerIndex::answers);
            if (ca.isEmpty()) return;
            List<CertificateID> ids = dropped.isEmpty() ? List.of(sha1Id(ca.get(), serial)) : dropped.stream().map(ResponseCache.Cached::id).toList();
            for (CertificateID id : ids) presign(ca.get(), id);
        } catch (RuntimeException e) {
            LOG.warn("OCSP: cannot sign the new response of CA {} serial {}: {}", caId, CertificateRecord.hex(serial), e.toString());
        }
    }

    /**
     * The background work, one round: rotates delegated responders that are due, signs again every kept response past
     * its refresh point (or signed by a key that no longer signs for its CA), and signs ahead for the
     * {@link OcspSettings#presignRecent()} most recently issued certificates that have none. Returns how many
     * responses it signed. Errors are logged per response and the round goes on.
     */
    public int refresh() {
        Instant now = clock.instant();
        Map<String, CertificateAuthority> answering = new HashMap<>();
        for (CertificateAuthority ca : cas.list()) {
            if (!IssuerIndex.answers(ca)) continue;
            answering.put(ca.id(), ca);
            try {
                signers.forCa(ca);
            } catch (RuntimeException e) {
                LOG.warn("OCSP: signer of CA {} unavailable: {}", ca.id(), e.toString());
            }
        }
        int signed = 0;
        for (Map.Entry<ResponseCache.Key, ResponseCache.Cached> e : cache.snapshot()) {
            CertificateAuthority ca = answering.get(e.getKey().caId());
            if (ca == null) {
                cache.remove(e.getKey());
                continue;
            }
            try {
                ResponseSigner signer = signers.forCa(ca);
                if (now.isBefore(e.getValue().refreshAt()) && e.getValue().signerKeyId().equals(signer.keyId())) continue;
                long generation = cache.generation();
                Signed fresh = sign(ca, signer, List.of(e.getValue().id()), null);
                signed++;
                if (fresh.keepable()) cache.replaceIfCurrent(e.getKey(), fresh.cached(e.getValue().id(), signer), generation);
                else cache.remove(e.getKey());
            } catch (RuntimeException ex) {
                LOG.warn("OCSP: cannot refresh CA {} serial {}: {}", ca.id(), CertificateRecord.hex(e.getKey().serial()), ex.toString());
            }
        }
        if (settings.presignRecent() == 0) return signed;
        for (CertificateRecord record : certificates.list(null, settings.presignRecent())) {
            CertificateAuthority ca = answering.get(record.caId());
            if (ca == null || record.state() != CertificateState.ISSUED || !now.isBefore(record.notAfter())) continue;
            // A responder certificate carries id-pkix-ocsp-nocheck: nobody asks about it.
            if (record.template().startsWith(OCSP_SIGNING_TEMPLATE)) continue;
            try {
                CertificateID id = sha1Id(ca, record.serial());
                if (!cache.contains(ResponseCache.Key.of(ca.id(), id)) && presign(ca, id)) signed++;
            } catch (RuntimeException ex) {
                LOG.warn("OCSP: cannot pre-sign CA {} serial {}: {}", ca.id(), record.serialHex(), ex.toString());
            }
        }
        return signed;
    }

    /** Sets how kept responses learn of revocations; see {@link Freshness}. */
    public void freshness(Freshness mode) {
        this.freshness = Objects.requireNonNull(mode);
    }

    public Freshness freshness() {
        return freshness;
    }

    /** How long a response is valid. */
    public Duration validity() {
        return settings.responseValidity();
    }

    /** The settings this responder runs with. */
    public OcspSettings settings() {
        return settings;
    }

    /**
     * When a newer response for the same certificate will be available: the answer's refresh point. HTTP caches should
     * keep it until then (max-age), not until its nextUpdate, so they pick up the refreshed one (RFC 5019 section 6.2:
     * max-age between thisUpdate and nextUpdate).
     */
    public Instant refreshedAt(OcspAnswer answer) {
        if (answer.thisUpdate() == null || answer.nextUpdate() == null) return null;
        return answer.thisUpdate().plus(settings.refreshAfter(Duration.between(answer.thisUpdate(), answer.nextUpdate())));
    }

    /** How many responses are kept pre-signed now. */
    public int cached() {
        return cache.size();
    }

    /** Signs and keeps the response to a nonce-less request for {@code id}; true when it was signed. */
    private boolean presign(CertificateAuthority ca, CertificateID id) {
        ResponseSigner signer = signers.forCa(ca);
        long generation = cache.generation();
        Signed fresh = sign(ca, signer, List.of(id), null);
        if (fresh.keepable()) cache.putIfCurrent(ResponseCache.Key.of(ca.id(), id), fresh.cached(id, signer), generation);
        return true;
    }

    private OcspAnswer answer(Request request) {
        CertificateID first = request.ids().getFirst();
        Optional<CertificateAuthority> found = freshness == Freshness.WATCHED
                ? issuers.issuer(first, clock.instant(), WATCHED_CA_REUSE) : issuers.issuer(first);
        if (found.isEmpty()) return error(OCSPRespBuilder.UNAUTHORIZED, OcspStatus.UNAUTHORIZED);
        CertificateAuthority ca = found.get();
        ResponseSigner signer = signers.forCa(ca);

        boolean keepable = request.nonce() == null && request.ids().size() == 1;
        if (keepable) {
            ResponseCache.Cached hit = cache.get(ResponseCache.Key.of(ca.id(), first));
            if (hit != null && clock.instant().isBefore(hit.refreshAt()) && hit.signerKeyId().equals(signer.keyId())
                    && (freshness == Freshness.WATCHED || hit.revoked() == revocations.find(ca.id(), first.getSerialNumber()).isPresent())) {
                return hit.answer();
            }
        }
        long generation = cache.generation();
        Signed signed = sign(ca, signer, request.ids(), request.nonce());
        if (keepable && signed.keepable()) cache.putIfCurrent(ResponseCache.Key.of(ca.id(), first), signed.cached(first, signer), generation);
        return signed.answer();
    }

    /** A freshly signed answer; good and revoked answers without nonce may be kept (unknown ones are what a flood of made-up serials would fill the cache with). */
    private record Signed(OcspAnswer answer, Instant refreshAt) {
        boolean keepable() {
            return answer.cacheable() && (answer.status() == OcspStatus.GOOD || answer.status() == OcspStatus.REVOKED);
        }

        ResponseCache.Cached cached(CertificateID id, ResponseSigner signer) {
            return new ResponseCache.Cached(answer, id, answer.status() == OcspStatus.REVOKED, signer.keyId(), refreshAt);
        }
    }

    private Signed sign(CertificateAuthority ca, ResponseSigner signer, List<CertificateID> ids, Extension nonce) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(settings.responseValidity());
        // A response never outlives the certificate that signs it.
        if (signer.notAfter() != null && nextUpdate.isAfter(signer.notAfter())) nextUpdate = signer.notAfter();
        BasicOCSPRespBuilder builder;
        try {
            builder = new BasicOCSPRespBuilder(signer.responderKey(), DIGESTS.get(CertificateID.HASH_SHA1));
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the responder id", e);
        }
        CertificateID first = ids.getFirst();
        OcspStatus reported = null;
        for (CertificateID id : ids) {
            OcspStatus status;
            CertificateStatus certStatus;
            if (id != first && !issuers.matches(id, ca.certificate())) {
                // One response has one signer: a certificate of another issuer in the same request is not ours to answer.
                status = OcspStatus.UNKNOWN;
                certStatus = new UnknownStatus();
            } else {
                Optional<Revocation> revocation = revocations.find(ca.id(), id.getSerialNumber());
                if (revocation.isPresent()) {
                    status = OcspStatus.REVOKED;
                    Revocation r = revocation.get();
                    // RFC 5280 5.3.1: the unspecified reason is better left out than written.
                    certStatus = r.reason() == RevocationReason.UNSPECIFIED ? new RevokedStatus(Date.from(r.revokedAt()))
                            : new RevokedStatus(Date.from(r.revokedAt()), r.reason().code());
                } else if (issued(ca.id(), id.getSerialNumber())) {
                    status = OcspStatus.GOOD;
                    certStatus = CertificateStatus.GOOD;
                } else {
                    status = OcspStatus.UNKNOWN;
                    certStatus = new UnknownStatus();
                }
            }
            if (reported == null) reported = status;
            builder.addResponse(id, certStatus, Date.from(now), Date.from(nextUpdate), null);
        }
        if (nonce != null) builder.setResponseExtensions(new Extensions(nonce));

        byte[] der;
        try {
            X509CertificateHolder[] chain = signer.certificates().toArray(X509CertificateHolder[]::new);
            var basic = builder.build(new VaultContentSigner(vault, signer.keyId(), signer.algorithm()), chain.length == 0 ? null : chain, Date.from(now));
            der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot sign the OCSP response", e);
        }
        OcspAnswer answer = new OcspAnswer(der, reported, now, nextUpdate, nonce == null);
        return new Signed(answer, now.plus(settings.refreshAfter(Duration.between(now, nextUpdate))));
    }

    private static CertificateID sha1Id(CertificateAuthority ca, BigInteger serial) {
        try {
            return new CertificateID(DIGESTS.get(CertificateID.HASH_SHA1), ca.certificate(), serial);
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build a CertID", e);
        }
    }

    private boolean issued(String caId, BigInteger serial) {
        Optional<CertificateRecord> record = certificates.find(caId, serial);
        return record.isPresent() && record.get().state() == CertificateState.ISSUED;
    }

    private static OcspAnswer error(int code, OcspStatus status) {
        try {
            OCSPResp resp = new OCSPRespBuilder().build(code, null);
            return new OcspAnswer(resp.getEncoded(), status, null, null, false);
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request reduced to what the responder needs: the certificate ids and the nonce extension, if any. */
    private record Request(List<CertificateID> ids, Extension nonce) {
        static Request parse(byte[] der) throws Malformed {
            if (der == null || der.length == 0) throw new Malformed("empty request");
            OCSPReq req;
            try {
                // Parse strictly: trailing bytes after the request are refused, not ignored.
                ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
                if (primitive.getEncoded().length != der.length) throw new Malformed("trailing bytes after the request");
                req = new OCSPReq(org.bouncycastle.asn1.ocsp.OCSPRequest.getInstance(primitive));
            } catch (IOException | RuntimeException e) {
                throw new Malformed("not an OCSPRequest: " + e);
            }
            Req[] list;
            try {
                list = req.getRequestList();
            } catch (RuntimeException e) {
                throw new Malformed("bad requestList: " + e);
            }
            if (list.length == 0) throw new Malformed("no single request");
            if (list.length > MAX_SINGLE_REQUESTS) throw new Malformed(list.length + " single requests, at most " + MAX_SINGLE_REQUESTS);
            List<CertificateID> ids = new ArrayList<>(list.length);
            try {
                for (Req r : list) {
                    CertificateID id = r.getCertID();
                    if (id.getSerialNumber() == null || id.getIssuerNameHash() == null || id.getIssuerKeyHash() == null) {
                        throw new Malformed("incomplete CertID");
                    }
                    ids.add(id);
                }
            } catch (RuntimeException e) {
                throw new Malformed("bad CertID: " + e);
            }
            Extension nonce;
            try {
                nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            } catch (RuntimeException e) {
                throw new Malformed("bad extensions: " + e);
            }
            if (nonce != null) {
                int length = nonceLength(nonce.getExtnValue());
                if (length < 1 || length > MAX_NONCE_OCTETS) throw new Malformed("nonce of " + length + " octets, RFC 8954 allows 1 to 32");
                // Echo it as sent, never critical in the response.
                nonce = new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce.getExtnValue());
            }
            return new Request(List.copyOf(ids), nonce);
        }

        /** RFC 8954 wraps the nonce in an OCTET STRING; older clients put the raw octets in extnValue. */
        private static int nonceLength(ASN1OctetString value) {
            byte[] octets = value.getOctets();
            try {
                ASN1Primitive inner = ASN1Primitive.fromByteArray(octets);
                if (inner instanceof ASN1OctetString s && inner.getEncoded().length == octets.length) return s.getOctets().length;
            } catch (IOException | RuntimeException e) {
                // not wrapped: the raw octets are the nonce
            }
            return octets.length;
        }
    }

    /** Why a request was refused as malformed; never leaves this class. */
    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
