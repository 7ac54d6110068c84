package dev.stamp.core.ca;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateAuthoritiesTest {
    final TestPki t = new TestPki();
    final CertificateAuthorities cas = t.pki.authorities();

    @Test
    void externalFlowCreatesPendingCaWithCsrThenImportsParentSignedCertificateAndChain() throws Exception {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_secp384r1);
        CertificateAuthority pending = cas.create(CreateCaRequest.of(CaType.SUBORDINATE, "CN=Issuing,O=Example", KeyAlgorithm.RSA_2048), "test");
        assertThat(pending.status()).isEqualTo(CaStatus.PENDING_CERTIFICATE);
        assertThat(pending.csr().getSubject().toString()).isEqualTo("CN=Issuing,O=Example");

        IssuedCertificate signed = t.pki.issuance().issue(IssueRequest.of(root.id(), pending.csr().getEncoded(),
                Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(2)));
        CertificateAuthority active = cas.importCertificate(pending.id(), Pem.certificate(signed.certificate()).getBytes(),
                List.of(Pem.certificates(signed.chain()).getBytes()), "test");

        assertThat(active.status()).isEqualTo(CaStatus.ACTIVE);
        assertThat(active.chain()).containsExactly(root.certificate());
        assertThat(active.depth()).isEqualTo(2);
    }

    @Test
    void importRefusesCertificateForAnotherKeyAsMismatch() throws Exception {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        CertificateAuthority other = t.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        CertificateAuthority pending = cas.create(CreateCaRequest.of(CaType.SUBORDINATE, "CN=Pending", KeyAlgorithm.EC_prime256v1), "test");

        assertThatThrownBy(() -> cas.importCertificate(pending.id(), Pem.encoded(other.certificate()), List.of(Pem.encoded(root.certificate())), "test"))
                .isInstanceOf(StampException.class).extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.CERTIFICATE_MISMATCH);
    }

    @Test
    void importRefusesChainInTheWrongOrder() throws Exception {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        CertificateAuthority sub = t.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen1/V1");
        CertificateAuthority pending = cas.create(CreateCaRequest.of(CaType.SUBORDINATE, "CN=Third", KeyAlgorithm.EC_prime256v1), "test");
        IssuedCertificate signed = t.pki.issuance().issue(IssueRequest.of(sub.id(), pending.csr().getEncoded(),
                Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(1)));

        assertThatThrownBy(() -> cas.importCertificate(pending.id(), Pem.encoded(signed.certificate()),
                List.of(Pem.encoded(root.certificate()), Pem.encoded(sub.certificate())), "test"))
                .isInstanceOf(StampException.class).hasMessageContaining("issuer first, root last");
    }

    @Test
    void lifecycleFollowsAwsTransitions() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        assertThatThrownBy(() -> cas.delete(root.id(), 7, "test")).hasMessageContaining("disable it first");

        cas.setStatus(root.id(), CaStatus.DISABLED, "test");
        CertificateAuthority deleted = cas.delete(root.id(), 7, "test");
        assertThat(deleted.status()).isEqualTo(CaStatus.DELETED);
        assertThat(deleted.restorableUntil()).isEqualTo(t.clock.instant().plus(Duration.ofDays(7)));
        assertThatThrownBy(() -> cas.setStatus(root.id(), CaStatus.ACTIVE, "test"))
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.INVALID_STATE);

        assertThat(cas.restore(root.id(), "test").status()).isEqualTo(CaStatus.DISABLED);
        assertThat(cas.setStatus(root.id(), CaStatus.ACTIVE, "test").status()).isEqualTo(CaStatus.ACTIVE);
    }

    @Test
    void deletedCaIsGoneAfterItsRestoreWindow() {
        CertificateAuthority pending = cas.create(CreateCaRequest.of(CaType.ROOT, "CN=Gone", KeyAlgorithm.EC_prime256v1), "test");
        cas.delete(pending.id(), 7, "test");
        t.clock.advance(Duration.ofDays(7));
        assertThatThrownBy(() -> cas.restore(pending.id(), "test"))
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(cas.list()).isEmpty();
    }

    @Test
    void deletionWindowOutsideSevenToThirtyDaysIsRefused() {
        CertificateAuthority pending = cas.create(CreateCaRequest.of(CaType.ROOT, "CN=Window", KeyAlgorithm.EC_prime256v1), "test");
        assertThatThrownBy(() -> cas.delete(pending.id(), 6, "test")).hasMessageContaining("between 7 and 30, not 6");
    }

    @Test
    void caWhoseCertificateLapsedIsExpired() {
        CertificateAuthority root = cas.createRoot(CreateCaRequest.of(CaType.ROOT, "CN=Brief", KeyAlgorithm.EC_prime256v1), Validity.days(2), "test");
        t.clock.advance(Duration.ofDays(3));
        assertThat(cas.get(root.id()).status()).isEqualTo(CaStatus.EXPIRED);
    }

    @Test
    void everyChangeIsAuditedAndTheChainVerifies() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        cas.setStatus(root.id(), CaStatus.DISABLED, "alice");
        assertThat(t.stores.audit().entries()).extracting(e -> e.event().action()).containsExactly(
                "CreateCertificateAuthority", "IssueCertificate", "ImportCertificateAuthorityCertificate", "DisableCertificateAuthority");
        assertThat(dev.stamp.core.audit.AuditChain.verify(t.stores.audit().entries())).isEmpty();
    }

    @Test
    void anUpdateWithABadStatusChangesNothingNotEvenTheRevocationConfiguration() {
        CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
        assertThatThrownBy(() -> cas.update(root.id(), CaStatus.PENDING_CERTIFICATE, current -> RevocationConfiguration.crlAndOcsp(), "test"))
                .isInstanceOfSatisfying(dev.stamp.core.StampException.class, e -> assertThat(e.code()).isEqualTo(dev.stamp.core.ErrorCode.INVALID_ARGUMENT));
        assertThat(cas.get(root.id()).revocation()).isEqualTo(root.revocation());

        CertificateAuthority updated = cas.update(root.id(), CaStatus.DISABLED, current -> RevocationConfiguration.crlAndOcsp(), "test");
        assertThat(updated.status()).isEqualTo(CaStatus.DISABLED);
        assertThat(updated.revocation()).isEqualTo(RevocationConfiguration.crlAndOcsp());
    }
}
