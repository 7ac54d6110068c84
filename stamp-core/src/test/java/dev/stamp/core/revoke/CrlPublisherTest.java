package dev.stamp.core.revoke;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CrlPublisherTest {
    final TestPki t = new TestPki();
    final CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
    final AtomicLong nanos = new AtomicLong();
    final List<PublishedCrl> heard = new ArrayList<>();
    final List<Duration> buildTimes = new ArrayList<>();
    final CrlPublisher publisher = new CrlPublisher(t.stores.cas(), t.pki.crls(), t.clock, () -> nanos.addAndGet(2_000_000),
            CrlPublisher.DEFAULT_REFRESH_AT, (crl, took) -> {
                heard.add(crl);
                buildTimes.add(took);
            });

    CertificateAuthority configure(boolean crl, boolean partitioned, int days) {
        return t.pki.authorities().updateRevocation(root.id(), new RevocationConfiguration(crl, days, null, false, partitioned, false, null), "test");
    }

    BigInteger revokeOne(CertificateAuthority ca) {
        BigInteger serial = t.pki.issuance().issue(IssueRequest.of(ca.id(), Csrs.csr(Csrs.p256(), "CN=leaf.example.net", "leaf.example.net"),
                null, Validity.days(30))).record().serial();
        t.pki.revocations().revoke(ca.id(), serial, RevocationReason.KEY_COMPROMISE, "test");
        return serial;
    }

    static List<BigInteger> serials(PublishedCrl crl) throws Exception {
        return new X509CRLHolder(crl.der()).getRevokedCertificates().stream()
                .map(e -> ((org.bouncycastle.cert.X509CRLEntryHolder) e).getSerialNumber()).toList();
    }

    @Test
    void revocationIsPublishedOnTheNextTickAndFetchThenServesItWithoutSigning() throws Exception {
        configure(true, false, 7);
        publisher.tick(); // the first complete CRL
        BigInteger serial = revokeOne(root);
        publisher.revoked(root.id(), serial);
        t.clock.advance(Duration.ofSeconds(1));

        List<PublishedCrl> signed = publisher.publishPending();

        assertThat(signed).singleElement().satisfies(crl -> assertThat(crl.partition()).isEqualTo(CrlPartitions.WHOLE));
        assertThat(serials(signed.getFirst())).containsExactly(serial);
        assertThat(publisher.hasPending()).isFalse();
        assertThat(publisher.current(root.id(), CrlPartitions.WHOLE).number()).isEqualTo(signed.getFirst().number());
        assertThat(heard).hasSize(2);
        assertThat(buildTimes).containsOnly(Duration.ofMillis(2));
    }

    @Test
    void scopeAlreadyRepublishedElsewhereIsNotSignedAgain() {
        configure(true, false, 7);
        BigInteger serial = revokeOne(root);
        t.clock.advance(Duration.ofSeconds(1));
        PublishedCrl byOther = t.pki.crls().publish(root.id(), CrlPartitions.WHOLE); // as another process would
        publisher.revoked(root.id(), serial);

        assertThat(publisher.publishPending()).isEmpty();
        assertThat(publisher.current(root.id(), CrlPartitions.WHOLE).number()).isEqualTo(byOther.number());
    }

    @Test
    void partitionedCaRepublishesOnlyThePartitionOfTheRevokedSerial() throws Exception {
        CertificateAuthority ca = configure(true, true, 7);
        BigInteger serial = revokeOne(ca);
        publisher.revoked(ca.id(), serial);

        List<PublishedCrl> signed = publisher.publishPending();

        assertThat(signed).singleElement().satisfies(crl -> assertThat(crl.partition()).isEqualTo(CrlPartitions.of(serial)));
        assertThat(serials(signed.getFirst())).containsExactly(serial);
        assertThat(publisher.refreshDue()).as("unpublished partitions stay for fetch time").isEmpty();
    }

    @Test
    void caWithCrlDisabledIsNeitherPublishedNorRefreshed() {
        configure(false, false, 7);
        publisher.revoked(root.id(), revokeOne(root));

        assertThat(publisher.tick()).isEmpty();
        assertThat(t.pki.crls().latest(root.id(), CrlPartitions.WHOLE)).isEmpty();
    }

    @Test
    void everyPublishedScopeIsRefreshedOnceHalfItsValidityHasPassedAndNotBefore() {
        CertificateAuthority ca = configure(true, true, 2);
        PublishedCrl p3 = publisher.current(ca.id(), 3);
        PublishedCrl p9 = publisher.current(ca.id(), 9);
        assertThat(publisher.refreshDue()).isEmpty();

        t.clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertThat(publisher.refreshDue()).isEmpty();

        t.clock.advance(Duration.ofSeconds(1));
        List<PublishedCrl> refreshed = publisher.refreshDue();
        assertThat(refreshed).extracting(PublishedCrl::partition).containsExactlyInAnyOrder(3, 9);
        assertThat(refreshed).allSatisfy(crl -> {
            assertThat(crl.number()).isGreaterThan(Math.max(p3.number(), p9.number()));
            assertThat(crl.nextUpdate()).isEqualTo(t.clock.instant().plus(Duration.ofDays(2)));
        });
        assertThat(publisher.refreshDue()).isEmpty();
    }

    @Test
    void completeCrlIsPublishedAtFirstTickAndRefreshedBeforeNextUpdateEvenIfAnotherProcessRefreshedItMeanwhile() {
        configure(true, false, 4);
        assertThat(publisher.tick()).singleElement().satisfies(crl -> assertThat(crl.partition()).isEqualTo(CrlPartitions.WHOLE));

        t.clock.advance(Duration.ofDays(2).minusHours(1));
        PublishedCrl byOther = t.pki.crls().publish(root.id(), CrlPartitions.WHOLE);
        t.clock.advance(Duration.ofHours(1));
        assertThat(publisher.tick()).as("the other process's CRL is not due yet").isEmpty();
        assertThat(t.pki.crls().latest(root.id(), CrlPartitions.WHOLE).orElseThrow().number()).isEqualTo(byOther.number());

        t.clock.advance(Duration.ofDays(2).minusHours(1));
        assertThat(publisher.tick()).hasSize(1);
    }

    @Test
    void refreshAtMustBeAFractionOfTheValidity() {
        for (double bad : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CrlPublisher(t.stores.cas(), t.pki.crls(), t.clock,
                    System::nanoTime, bad, CrlPublisher.Listener.NONE)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
