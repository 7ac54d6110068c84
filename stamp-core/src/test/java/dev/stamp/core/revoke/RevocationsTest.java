package dev.stamp.core.revoke;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.IssuedCertificate;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevocationsTest {
    final TestPki t = new TestPki();
    final CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);

    IssuedCertificate leaf() {
        return t.pki.issuance().issue(IssueRequest.of(root.id(), Csrs.csr(Csrs.p256(), "CN=leaf.example.net", "leaf.example.net"),
                null, Validity.days(30)));
    }

    @Test
    void revokeRecordsARowAndAnAuditEventAndKeepsTheIssuedRecord() {
        IssuedCertificate leaf = leaf();
        BigInteger serial = leaf.record().serial();
        t.clock.advance(Duration.ofMillis(1500));

        Revocation r = t.pki.revocations().revoke(root.id(), serial, RevocationReason.KEY_COMPROMISE, "alice");

        assertThat(r.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        assertThat(r.revokedAt()).isEqualTo(t.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        assertThat(r.certificateNotAfter()).isEqualTo(leaf.record().notAfter());
        assertThat(r.partition()).isEqualTo(CrlPartitions.of(serial));
        assertThat(t.pki.revocations().find(root.id(), serial)).contains(r);
        assertThat(t.stores.certificates().find(root.id(), serial).orElseThrow().state().name()).isEqualTo("ISSUED");
        var last = t.stores.audit().entries().getLast();
        assertThat(last.event().action()).isEqualTo("RevokeCertificate");
        assertThat(last.event().actor()).isEqualTo("alice");
        assertThat(last.event().target()).isEqualTo(leaf.record().serialHex());
        assertThat(last.event().detail()).contains("KEY_COMPROMISE");
    }

    @Test
    void revokingTwiceIsAConflictSayingWhen() {
        BigInteger serial = leaf().record().serial();
        Revocation first = t.pki.revocations().revoke(root.id(), serial, RevocationReason.SUPERSEDED, "alice");
        int auditSize = t.stores.audit().entries().size();

        assertThatThrownBy(() -> t.pki.revocations().revoke(root.id(), serial, RevocationReason.KEY_COMPROMISE, "bob"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("already revoked at " + first.revokedAt())
                .hasMessageContaining("SUPERSEDED");
        assertThat(t.pki.revocations().find(root.id(), serial)).contains(first);
        assertThat(t.stores.audit().entries()).hasSize(auditSize);
    }

    @Test
    void unknownSerialOrCaIsNotFound() {
        assertThatThrownBy(() -> t.pki.revocations().revoke(root.id(), BigInteger.valueOf(0xabcdef), RevocationReason.UNSPECIFIED, "a"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("abcdef");
        assertThatThrownBy(() -> t.pki.revocations().revoke("no-such-ca", BigInteger.TEN, RevocationReason.UNSPECIFIED, "a"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no-such-ca");
    }

    @Test
    void aRootCannotRevokeItsOwnCertificate() {
        BigInteger own = root.certificate().getSerialNumber();
        assertThatThrownBy(() -> t.pki.revocations().revoke(root.id(), own, RevocationReason.CA_COMPROMISE, "a"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("cannot revoke itself");
        assertThat(t.pki.revocations().find(root.id(), own)).isEmpty();
    }

    @Test
    void aParentMayRevokeASubordinateCaCertificate() {
        CertificateAuthority sub = t.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        Revocation r = t.pki.revocations().revoke(root.id(), sub.certificate().getSerialNumber(), RevocationReason.CA_COMPROMISE, "a");
        assertThat(r.reason()).isEqualTo(RevocationReason.CA_COMPROMISE);
    }
}
