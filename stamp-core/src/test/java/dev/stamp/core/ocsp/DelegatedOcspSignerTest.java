package dev.stamp.core.ocsp;

import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.OcspSigning;
import dev.stamp.core.ca.RevocationChange;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.vault.KeyVault;
import dev.stamp.core.vault.VaultKey;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Delegated responder certificates, background pre-signing and refresh, and the cache bound, on a movable clock. */
class DelegatedOcspSignerTest {
    final TestPki t = new TestPki();
    final CertificateAuthority root = delegated(t.root(KeyAlgorithm.EC_prime256v1));
    final KeyCountingVault vault = new KeyCountingVault(t.vault);
    final OcspSignerStore signerStore = new InProcessOcspSigners();
    final OcspResponder responder = responder(OcspSettings.defaults());

    OcspResponder responder(OcspSettings settings) {
        return new OcspResponder(t.stores.cas(), t.stores.certificates(), t.stores.revocations(), vault, t.pki.issuance(),
                signerStore, t.clock, settings);
    }

    CertificateAuthority delegated(CertificateAuthority ca) {
        var change = new RevocationChange(null, null, null, null, null, null, null, OcspSigning.DELEGATED);
        return t.pki.authorities().updateRevocation(ca.id(), change.applyTo(ca.revocation()), "test");
    }

    BigInteger leaf() {
        return t.pki.issuance().issue(IssueRequest.of(root.id(), Csrs.csr(Csrs.p256(), "CN=leaf.example.net", "leaf.example.net"),
                null, Validity.days(30))).record().serial();
    }

    byte[] request(BigInteger serial) throws Exception {
        return OcspResponderTest.request(root.certificate(), serial, null, CertificateID.HASH_SHA1);
    }

    static BasicOCSPResp basic(OcspAnswer answer) throws Exception {
        OCSPResp resp = new OCSPResp(answer.der());
        assertThat(resp.getStatus()).isZero();
        return (BasicOCSPResp) resp.getResponseObject();
    }

    /** The responder certificate a response carries, after checking it signed the response and chains to the CA. */
    X509CertificateHolder responderCertificate(OcspAnswer answer) throws Exception {
        BasicOCSPResp basic = basic(answer);
        assertThat(basic.getCerts()).hasSize(1);
        X509CertificateHolder signer = basic.getCerts()[0];
        var verifiers = new JcaContentVerifierProviderBuilder();
        assertThat(basic.isSignatureValid(verifiers.build(signer))).isTrue();
        assertThat(basic.isSignatureValid(verifiers.build(root.certificate()))).isFalse();
        assertThat(signer.isSignatureValid(verifiers.build(root.certificate()))).isTrue();
        assertThat(signer.getIssuer()).isEqualTo(root.certificate().getSubject());
        byte[] keyHash = MessageDigest.getInstance("SHA-1").digest(signer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
        assertThat(basic.getResponderId().toASN1Primitive().getKeyHash()).isEqualTo(keyHash);
        return signer;
    }

    @Test
    void delegatedResponseIsSignedByAnOcspSigningCertificateWithNocheckIssuedByTheCa() throws Exception {
        BigInteger serial = leaf();
        OcspAnswer answer = responder.respond(request(serial));

        assertThat(answer.status()).isEqualTo(OcspStatus.GOOD);
        X509CertificateHolder signer = responderCertificate(answer);
        assertThat(ExtendedKeyUsage.fromExtensions(signer.getExtensions()).getUsages()).containsExactly(KeyPurposeId.id_kp_OCSPSigning);
        assertThat(signer.getExtension(Extension.extendedKeyUsage).isCritical()).isTrue();
        assertThat(KeyUsage.fromExtensions(signer.getExtensions()).hasUsages(KeyUsage.digitalSignature)).isTrue();
        assertThat(KeyUsage.fromExtensions(signer.getExtensions()).hasUsages(KeyUsage.keyCertSign)).isFalse();
        Extension nocheck = signer.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck);
        assertThat(nocheck).isNotNull();
        assertThat(nocheck.getExtnValue().getOctets()).containsExactly(0x05, 0x00);
        assertThat(signer.getExtension(Extension.cRLDistributionPoints)).isNull();
        var aia = AuthorityInformationAccess.fromExtensions(signer.getExtensions());
        if (aia != null) {
            assertThat(aia.getAccessDescriptions()).noneMatch(d -> d.getAccessMethod().equals(org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp));
        }
        assertThat(Duration.between(t.clock.instant(), signer.getNotAfter().toInstant())).isLessThanOrEqualTo(Duration.ofDays(7));

        // Recorded and audited as a certificate of the CA, and discoverable from the store.
        DelegatedSigner stored = signerStore.current(root.id()).orElseThrow();
        assertThat(stored.serial()).isEqualTo(signer.getSerialNumber());
        CertificateRecord record = t.stores.certificates().find(root.id(), signer.getSerialNumber()).orElseThrow();
        assertThat(record.template()).isEqualTo("OCSPSigningCertificate/V1");
        assertThat(t.stores.audit().entries()).anyMatch(e -> e.event().action().equals("IssueCertificate")
                && e.event().actor().equals(ResponderSigners.ACTOR) && e.event().target().equals(record.serialHex()));
    }

    @Test
    void revokedAnswerFromTheDelegatedResponderCarriesTimeAndReason() throws Exception {
        BigInteger serial = leaf();
        t.pki.revocations().revoke(root.id(), serial, RevocationReason.KEY_COMPROMISE, "alice");
        OcspAnswer answer = responder.respond(request(serial));
        responderCertificate(answer);
        RevokedStatus status = (RevokedStatus) basic(answer).getResponses()[0].getCertStatus();
        assertThat(status.getRevocationReason()).isEqualTo(org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
    }

    @Test
    void theCaKeySignsOncePerRotationNotPerResponse() throws Exception {
        BigInteger serial = leaf();
        responder.respond(request(serial));
        for (int i = 0; i < 5; i++) {
            t.clock.advance(Duration.ofMinutes(31));
            responder.respond(request(serial));
        }
        // Responses were signed six times, the CA key signed only the responder certificate.
        assertThat(vault.signaturesBy(root.keyId())).isZero();
        String responderKey = signerStore.current(root.id()).orElseThrow().keyId();
        assertThat(vault.signaturesBy(responderKey)).isEqualTo(1 + 6); // its CSR, then six responses
    }

    @Test
    void responderIsRotatedAtTwoThirdsOfItsValidity() throws Exception {
        BigInteger serial = leaf();
        responder.refresh();
        DelegatedSigner first = signerStore.current(root.id()).orElseThrow();
        assertThat(first.generation()).isEqualTo(1);
        assertThat(Duration.between(t.clock.instant(), first.rotateAt())).isEqualTo(Duration.ofDays(7).multipliedBy(2).dividedBy(3));

        t.clock.set(first.rotateAt().minusSeconds(1));
        responder.refresh();
        assertThat(signerStore.current(root.id()).orElseThrow()).isEqualTo(first);

        t.clock.set(first.rotateAt());
        responder.refresh();
        DelegatedSigner second = signerStore.current(root.id()).orElseThrow();
        assertThat(second.generation()).isEqualTo(2);
        assertThat(second.serial()).isNotEqualTo(first.serial());
        assertThat(second.keyId()).isNotEqualTo(first.keyId());
        // The kept response was signed again by the new responder in the same round: serving it costs nothing.
        int before = vault.total();
        OcspAnswer answer = responder.respond(request(serial));
        assertThat(vault.total()).isEqualTo(before);
        assertThat(responderCertificate(answer).getSerialNumber()).isEqualTo(second.serial());
    }

    @Test
    void twoRespondersOnOneStoreShareOneResponderCertificate() throws Exception {
        OcspResponder other = responder(OcspSettings.defaults());
        BigInteger serial = leaf();
        X509CertificateHolder a = responderCertificate(responder.respond(request(serial)));
        X509CertificateHolder b = responderCertificate(other.respond(request(serial)));
        assertThat(b.getSerialNumber()).isEqualTo(a.getSerialNumber());

        t.clock.advance(Duration.ofDays(5));
        X509CertificateHolder b2 = responderCertificate(other.respond(request(serial)));
        X509CertificateHolder a2 = responderCertificate(responder.respond(request(serial)));
        assertThat(b2.getSerialNumber()).isNotEqualTo(b.getSerialNumber()).isEqualTo(a2.getSerialNumber());
        assertThat(signerStore.current(root.id()).orElseThrow().generation()).isEqualTo(2);
    }

    @Test
    void switchingBackToCaSigningIsNoticedOnTheNextRequest() throws Exception {
        BigInteger serial = leaf();
        responderCertificate(responder.respond(request(serial)));
        var change = new RevocationChange(null, null, null, null, null, null, null, OcspSigning.CA);
        t.pki.authorities().updateRevocation(root.id(), change.applyTo(t.pki.authorities().get(root.id()).revocation()), "test");

        BasicOCSPResp basic = basic(responder.respond(request(serial)));
        assertThat(basic.getCerts()).isEmpty();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.certificate()))).isTrue();
    }

    @Test
    void aDisabledCaWithoutResponderSignsWithItsOwnKeyAndGeneratesNoKeys() throws Exception {
        BigInteger serial = leaf();
        t.pki.authorities().setStatus(root.id(), CaStatus.DISABLED, "test");
        BasicOCSPResp basic = basic(responder.respond(request(serial)));
        assertThat(basic.getCerts()).isEmpty();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(root.certificate()))).isTrue();
        assertThat(vault.generated).isZero();
        assertThat(signerStore.current(root.id())).isEmpty();
    }

    @Test
    void backgroundRoundPreSignsRecentCertificatesAndRefreshesAtHalfLife() throws Exception {
        BigInteger serial = leaf();
        assertThat(responder.refresh()).isEqualTo(2); // the leaf and the root's own certificate
        int before = vault.total();
        OcspAnswer first = responder.respond(request(serial));
        assertThat(vault.total()).as("a pre-signed response costs no signature").isEqualTo(before);

        t.clock.advance(Duration.ofMinutes(29));
        assertThat(responder.refresh()).isZero();
        t.clock.advance(Duration.ofMinutes(1));
        assertThat(responder.refresh()).isEqualTo(2);
        before = vault.total();
        OcspAnswer second = responder.respond(request(serial));
        assertThat(vault.total()).isEqualTo(before);
        assertThat(second.thisUpdate()).isEqualTo(first.thisUpdate().plus(Duration.ofMinutes(30)));
    }

    @Test
    void invalidateSignsTheRevokedAnswerAtOnceSoTheNextRequestCostsNoSignature() throws Exception {
        BigInteger serial = leaf();
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.GOOD);
        t.pki.revocations().revoke(root.id(), serial, RevocationReason.CESSATION_OF_OPERATION, "alice");
        responder.invalidate(root.id(), serial);

        int before = vault.total();
        OcspAnswer answer = responder.respond(request(serial));
        assertThat(answer.status()).isEqualTo(OcspStatus.REVOKED);
        assertThat(vault.total()).isEqualTo(before);
    }

    @Test
    void aRevocationWithoutInvalidateNeverServesTheKeptGood() throws Exception {
        BigInteger serial = leaf();
        responder.refresh();
        t.pki.revocations().revoke(root.id(), serial, RevocationReason.SUPERSEDED, "other process");
        assertThat(responder.respond(request(serial)).status()).isEqualTo(OcspStatus.REVOKED);
    }

    @Test
    void cacheKeepsAtMostItsCapacityAndPreSignsTheNewest() throws Exception {
        OcspResponder small = responder(new OcspSettings(Duration.ofHours(1), 0.5, 3, 2, Duration.ofDays(7), 2.0 / 3, Duration.ofMinutes(1)));
        small.refresh(); // issues the responder certificate first, so the leaves below are the newest certificates
        BigInteger[] serials = new BigInteger[5];
        for (int i = 0; i < serials.length; i++) {
            t.clock.advance(Duration.ofSeconds(1));
            serials[i] = leaf();
        }
        assertThat(small.refresh()).isEqualTo(2);
        assertThat(small.cached()).isEqualTo(3); // the root's own certificate from the first round, and the two newest
        int before = vault.total();
        small.respond(request(serials[4]));
        small.respond(request(serials[3]));
        assertThat(vault.total()).as("the two newest were signed ahead").isEqualTo(before);

        for (BigInteger s : serials) small.respond(request(s));
        assertThat(small.cached()).isEqualTo(3);
    }

    /** Counts signatures per key and keys generated. */
    static final class KeyCountingVault implements KeyVault {
        final KeyVault delegate;
        final Map<String, Integer> signatures = new ConcurrentHashMap<>();
        volatile int generated;

        KeyCountingVault(KeyVault delegate) { this.delegate = delegate; }

        int signaturesBy(String keyId) { return signatures.getOrDefault(keyId, 0); }
        int total() { return signatures.values().stream().mapToInt(Integer::intValue).sum(); }

        @Override public synchronized VaultKey generate(KeyAlgorithm algorithm) {
            generated++;
            return delegate.generate(algorithm);
        }
        @Override public PublicKey publicKey(String keyId) { return delegate.publicKey(keyId); }
        @Override public byte[] sign(String keyId, SigningAlgorithm algorithm, byte[] data) {
            signatures.merge(keyId, 1, Integer::sum);
            return delegate.sign(keyId, algorithm, data);
        }
        @Override public byte[] seal(byte[] secret, String context) { return delegate.seal(secret, context); }
        @Override public byte[] unseal(byte[] sealed, String context) { return delegate.unseal(sealed, context); }
        @Override public String describe() { return "counting " + delegate.describe(); }
    }
}
