package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CertificateAuthority;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The OCSP responder (RFC 6960, RFC 5019 profile) for every CA Stamp holds. Each CA signs its own responses directly
 * (no delegated responder certificate), with a responder id by key hash.
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
 * <p>Responses without nonce to a single request for a good or revoked certificate are kept pre-signed until half
 * their validity has passed. Before a cached response is served, the revocation store is asked (one indexed read)
 * whether the certificate is revoked now: a revocation recorded by any process shows on the next request. Thread-safe.
 */
public final class OcspResponder {
    /** How long a response is valid by default (its nextUpdate minus thisUpdate). */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);
    /** How many pre-signed responses are kept by default. */
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;
    /** More single requests than this in one request is refused as malformed: each one could cost a store read. */
    public static final int MAX_SINGLE_REQUESTS = 10;
    static final int MAX_NONCE_OCTETS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(OcspResponder.class);
    private static final DigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

    private final CertificateStore certificates;
    private final RevocationStore revocations;
    private final KeyVault vault;
    private final InstantSource clock;
    private final Duration validity;
    private final ResponseCache cache;
    private final IssuerIndex issuers;

    public OcspResponder(CaStore cas, CertificateStore certificates, RevocationStore revocations, KeyVault vault,
                         InstantSource clock, Duration validity, int cacheCapacity) {
        this.issuers = new IssuerIndex(Objects.requireNonNull(cas), DIGESTS);
        this.certificates = Objects.requireNonNull(certificates);
        this.revocations = Objects.requireNonNull(revocations);
        this.vault = Objects.requireNonNull(vault);
        this.clock = Objects.requireNonNull(clock);
        if (validity.compareTo(Duration.ofMinutes(1)) < 0) throw new IllegalArgumentException("validity must be at least a minute, not " + validity);
        this.validity = validity;
        this.cache = new ResponseCache(cacheCapacity);
    }

    public OcspResponder(CaStore cas, CertificateStore certificates, RevocationStore revocations, KeyVault vault, InstantSource clock) {
        this(cas, certificates, revocations, vault, clock, DEFAULT_VALIDITY, DEFAULT_CACHE_CAPACITY);
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

    /** Drops the pre-signed responses for a certificate (after a revocation in this process). */
    public void invalidate(String caId, BigInteger serial) {
        cache.invalidate(caId, serial);
    }

    /** How long a response is valid. */
    public Duration validity() {
        return validity;
    }

    private OcspAnswer answer(Request request) {
        CertificateID first = request.ids().getFirst();
        Optional<CertificateAuthority> found = issuers.issuer(first);
        if (found.isEmpty()) return error(OCSPRespBuilder.UNAUTHORIZED, OcspStatus.UNAUTHORIZED);
        CertificateAuthority ca = found.get();

        ResponseCache.Key key = null;
        if (request.nonce() == null && request.ids().size() == 1) {
            key = new ResponseCache.Key(ca.id(), first.getSerialNumber(), first.getHashAlgOID().getId());
            ResponseCache.Cached hit = cache.get(key);
            if (hit != null && clock.instant().isBefore(hit.refreshAt())
                    && hit.revoked() == revocations.find(ca.id(), first.getSerialNumber()).isPresent()) {
                return hit.answer();
            }
        }

        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant nextUpdate = now.plus(validity);
        BasicOCSPRespBuilder builder;
        try {
            builder = new BasicOCSPRespBuilder(ca.certificate().getSubjectPublicKeyInfo(), DIGESTS.get(CertificateID.HASH_SHA1));
        } catch (OCSPException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the responder id", e);
        }
        OcspStatus reported = null;
        for (CertificateID id : request.ids()) {
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
        if (request.nonce() != null) builder.setResponseExtensions(new Extensions(request.nonce()));

        byte[] der;
        try {
            var basic = builder.build(new VaultContentSigner(vault, ca.keyId(), ca.signingAlgorithm()), null, Date.from(now));
            der = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException("cannot sign the OCSP response", e);
        }
        boolean cacheable = request.nonce() == null;
        OcspAnswer answer = new OcspAnswer(der, reported, now, nextUpdate, cacheable);
        if (key != null && (reported == OcspStatus.GOOD || reported == OcspStatus.REVOKED)) {
            // Unknown serials are not kept: they are what a flood of made-up requests would fill the cache with.
            cache.put(key, new ResponseCache.Cached(answer, reported == OcspStatus.REVOKED, now.plus(validity.dividedBy(2))));
        }
        return answer;
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
