package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.vault.KeyVault;
import dev.stamp.core.vault.VaultKey;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OcspResponderTest {
    static final org.bouncycastle.asn1.x509.AlgorithmIdentifier SHA256 = new org.bouncycastle.asn1.x509.AlgorithmIdentifier(org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256);
    final TestPki t = new TestPki();
    final CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
    final CountingVault vault = new CountingVault(t.vault);
    final OcspResponder responder = new OcspResponder(t.stores.cas(), t.stores.certificates(), t.stores.revocations(), vault,
            t.pki.issuance(), new InProcessOcspSigners(), t.clock, OcspSettings.defaults());

    IssuedCertificate leaf() {
        return t.pki.issuance().issue(IssueRequest.of(root.id(), Csrs.csr(Csrs.p256(), "CN=leaf.example.net", "leaf.example.net"),
                null, Validity.days(30)));
    }

    static byte[] request(X509CertificateHolder issuer, BigInteger serial, byte[] nonce, org.bouncycastle.asn1.x509.AlgorithmIdentifier hash) throws Exception {
        OCSPReqBuilder b = new OCSPReqBuilder();
        b.addRequest(new CertificateID(new BcDigestCalculatorProvider().get(hash), issuer, serial));
        if (nonce != null) {
            b.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce).getEncoded())));
        }
        return b.build().getEncoded();
    }

    byte[] request(BigInteger serial) throws Exception {
        return request(root.certificate(), serial, null, CertificateID.HASH_SHA1);
    }

    BasicOCSPResp basic(OcspAnswer answer) throws Exception {
        OCSPResp resp = new OCSPResp(answer.der());
        assertThat(resp.getStatus()).isZero();
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.certificate()))).isTrue();
        return basic;
    }

    @Test
    void freshCertificateIsGoodSignedByTheCaWithAKeyHashResponderId() throws Exception {
        BigInteger serial = leaf().record().serial();
        t.clock.advance(Duration.ofMillis(1500));
        OcspAnswer answer = responder.respond(request(serial));

        assertThat(answer.status()).isEqualTo(OcspStatus.GOOD);
        assertThat(answer.cacheable()).isTrue();
        BasicOCSPResp basic = basic(answer);
        SingleResp single = basic.getResponses()[0];
        assertThat(single.getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(single.getCertID().getSerialNumber()).isEqualTo(serial);
        var now = t.clock.instant().truncatedTo(ChronoUnit.SECONDS);
        assertThat(single.getThisUpdate().toInstant()).isEqualTo(now).isEqualTo(answer.thisUpdate());
        assertThat(single.getNextUpdate().toInstant()).isEqualTo(now.plus(Duration.ofHours(1))).isEqualTo(answer.nextUpdate());
        assertThat(basic.getProducedAt().toInstant()).isEqualTo(now);
        assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isNotNull();
        assertThat(basic.getCerts()).isEmpty();
    }

    @Test
    void revokedCertificateCarriesTimeAndReason() throws Exception {
        BigInteger serial = leaf().record().serial();
        var revocation = t.pki.revocations().revoke(root.id(), serial, RevocationReason.KEY_COMPROMISE, "alice");

        OcspAnswer answer = responder.respond(request(serial));

        assertThat(answer.status()).isEqualTo(OcspStatus.REVOKED);
        RevokedStatus status = (RevokedStatus) basic(answer).getResponses()[0].getCertStatus();
        assertThat(status.getRevocationTime().toInstant()).isEqualTo(revocation.revokedAt());
        assertThat(status.hasRevocationReason()).isTrue();
        assertThat(status.getRevocationReason()).isEqualTo(CRLReason.keyCompromise);
    }

    @Test
    void unknownSerialIsUnknownAndSha256CertIdsWork() throws Exception {
        OcspAnswer answer = responder.respond(request(root.certificate(), BigInteger.valueOf(424242), null, SHA256));
        assertThat(answer.status()).isEqualTo(OcspStatus.UNKNOWN);
        assertThat(basic(answer).getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);

        BigInteger serial = leaf().record().serial();
        assertThat(responder.respond(request(root.certificate(), serial, null, SHA256)).status()).isEqualTo(OcspStatus.GOOD);
    }

    @Test
    void unknownIssuerIsUnauthorized() throws Exception {
        CertificateAuthority stranger = new TestPki().root(KeyAlgorithm.EC_prime256v1);
        OcspAnswer answer = responder.respond(request(stranger.certificate(), BigInteger.TEN, null, CertificateID.HASH_SHA1));
        assertThat(answer.status()).isEqualTo(OcspStatus.UNAUTHORIZED);
        assertThat(new OCSPResp(answer.der()).getStatus()).isEqualTo(6);
        assertThat(answer.cacheable()).isFalse();
    }

    @Test
    void malformedRequestsGetMalformedRequestNeverAnException() throws Exception {
        byte[] good = request(leaf().record().serial());
        java.util.Random random = new java.util.Random(42);
        byte[][] bad = {new byte[0], "hello".getBytes(), java.util.Arrays.copyOf(good, good.length - 3),
                java.util.Arrays.copyOf(good, good.length + 2), new byte[]{0x30, 0x00}};
        for (byte[] b : bad) {
            OcspAnswer answer = responder.respond(b);
            assertThat(answer.status()).isEqualTo(OcspStatus.MALFORMED_REQUEST);
            assertThat(new OCSPResp(answer.der()).getStatus()).isEqualTo(1);
        }
        for (int i = 0; i < 500; i++) {
            byte[] flipped = good.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            assertThat(responder.respond(flipped).status()).isNotEqualTo(OcspStatus.INTERNAL_ERROR);
        }
    }

    @Test
    void tooManySingleRequestsOrAnOversizedNonceIsMalformed() throws Exception {
        OCSPReqBuilder b = new OCSPReqBuilder();
        for (int i = 0; i <= OcspResponder.MAX_SINGLE_REQUESTS; i++) {
            b.addRequest(new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1), root.certificate(), BigInteger.valueOf(i + 1)));
        }
        assertThat(responder.respond(b.build().getEncoded()).status()).isEqualTo(OcspStatus.MALFORMED_REQUEST);
        byte[] longNonce = request(root.certificate(), BigInteger.ONE, new byte[33], CertificateID.HASH_SHA1);
        assertThat(responder.respond(longNonce).status()).isEqualTo(OcspStatus.MALFORMED_REQUEST);
    }

    @Test
    void nonceIsEchoedAndSuchAnswersAreNeitherCachedNorCacheable() throws Exception {
        BigInteger serial = leaf().record().serial();
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        OcspAnswer first = responder.respond(request(root.certificate(), serial, nonce, CertificateID.HASH_SHA1));
        Extension echoed = basic(first).getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        assertThat(echoed.getExtnValue().getOctets()).isEqualTo(new DEROctetString(nonce).getEncoded());
        assertThat(first.cacheable()).isFalse();
        int signatures = vault.signatures.get();
        responder.respond(request(root.certificate(), serial, nonce, CertificateID.HASH_SHA1));
        assertThat(vault.signatures.get()).isEqualTo(signatures + 1);
    }

    @Test
    void cachedResponseIsServedWithoutASignatureUntilHalfItsValidityOrARevocation() throws Exception {
        BigInteger serial = leaf().record().serial();
        OcspAnswer first = responder.respond(request(serial));
        int signatures = vault.signatures.get();

        t.clock.advance(Duration.ofMinutes(20));
        OcspAnswer again = responder.respond(request(serial));
        assertThat(vault.signatures.get()).isEqualTo(signatures);
        assertThat(again.der()).isEqualTo(first.der());

        // Revoked through the service only, with no invalidate call: as another process would.
        t.pki.revocations().revoke(root.id(), serial, RevocationReason.SUPERSEDED, "bob");
        OcspAnswer revoked = responder.respond(request(serial));
        assertThat(revoked.status()).isEqualTo(OcspStatus.REVOKED);
        assertThat(vault.signatures.get()).isEqualTo(signatures + 1);
        assertThat(responder.respond(request(serial)).der()).isEqualTo(revoked.der());
        assertThat(vault.signatures.get()).isEqualTo(signatures + 1);

        t.clock.advance(Duration.ofMinutes(31));
        OcspAnswer refreshed = responder.respond(request(serial));
        assertThat(vault.signatures.get()).isEqualTo(signatures + 2);
        assertThat(refreshed.thisUpdate()).isAfter(revoked.thisUpdate());

        responder.invalidate(root.id(), serial);
        responder.respond(request(serial));
        assertThat(vault.signatures.get()).isEqualTo(signatures + 3);
    }

    @Test
    void aWatchedResponderReusesTheCaItReadForAtMostASecond() throws Exception {
        responder.freshness(OcspResponder.Freshness.WATCHED);
        BigInteger serial = leaf().record().serial();
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.GOOD);
        t.pki.authorities().setStatus(root.id(), dev.stamp.core.ca.CaStatus.DISABLED, "test");
        t.pki.authorities().delete(root.id(), 7, "test");
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.GOOD); // the CA as read a moment ago
        t.clock.advance(OcspResponder.WATCHED_CA_REUSE);
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.UNAUTHORIZED);
    }

    @Test
    void aResponderThatReadsPerRequestStopsAnsweringForADeletedCaAtOnce() throws Exception {
        BigInteger serial = leaf().record().serial();
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.GOOD);
        t.pki.authorities().setStatus(root.id(), dev.stamp.core.ca.CaStatus.DISABLED, "test");
        t.pki.authorities().delete(root.id(), 7, "test");
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.UNAUTHORIZED);
    }

    @Test
    void watchedResponderServesAKeptResponseWithoutReadingTheStoreUntilInvalidated() throws Exception {
        assertThat(responder.freshness()).isEqualTo(OcspResponder.Freshness.READ_PER_REQUEST); // library use: nothing watches
        responder.freshness(OcspResponder.Freshness.WATCHED);
        BigInteger serial = leaf().record().serial();
        OcspAnswer good = responder.respond(request(serial));
        int signatures = vault.signatures.get();

        // Revoked in the store with no invalidate call: a watched responder relies on the watcher to make that call.
        t.pki.revocations().revoke(root.id(), serial, RevocationReason.SUPERSEDED, "bob");
        assertThat(responder.respond(request(serial)).der()).isEqualTo(good.der());
        assertThat(vault.signatures.get()).isEqualTo(signatures);

        responder.invalidate(root.id(), serial);
        assertThat(vault.signatures.get()).isEqualTo(signatures + 1);
        OcspAnswer revoked = responder.respond(request(serial));
        assertThat(revoked.status()).isEqualTo(OcspStatus.REVOKED);
        assertThat(vault.signatures.get()).isEqualTo(signatures + 1);

        // Back to reading: what the store says wins over what is kept.
        BigInteger other = leaf().record().serial();
        responder.respond(request(other));
        t.pki.revocations().revoke(root.id(), other, RevocationReason.SUPERSEDED, "bob");
        assertThat(responder.respond(request(other)).status()).isEqualTo(OcspStatus.GOOD);
        responder.freshness(OcspResponder.Freshness.READ_PER_REQUEST);
        assertThat(responder.respond(request(other)).status()).isEqualTo(OcspStatus.REVOKED);
    }

    /** Counts the signatures the responder asks for. */
    static final class CountingVault implements KeyVault {
        final KeyVault delegate;
        final AtomicInteger signatures = new AtomicInteger();

        CountingVault(KeyVault delegate) { this.delegate = delegate; }

        @Override public VaultKey generate(KeyAlgorithm algorithm) { return delegate.generate(algorithm); }
        @Override public PublicKey publicKey(String keyId) { return delegate.publicKey(keyId); }
        @Override public byte[] sign(String keyId, SigningAlgorithm algorithm, byte[] data) {
            signatures.incrementAndGet();
            return delegate.sign(keyId, algorithm, data);
        }
        @Override public byte[] seal(byte[] secret, String context) { return delegate.seal(secret, context); }
        @Override public byte[] unseal(byte[] sealed, String context) { return delegate.unseal(sealed, context); }
        @Override public String describe() { return "counting " + delegate.describe(); }
    }
}
