package dev.stamp.core.revoke;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.issue.IssueRequest;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RevocationWatcherTest {
    final TestPki t = new TestPki();
    final CertificateAuthority root = t.root(KeyAlgorithm.EC_prime256v1);
    final List<Revocation> handed = new ArrayList<>();
    final RevocationWatcher watcher = new RevocationWatcher(t.stores.revocations(), t.clock, Duration.ofSeconds(15), handed::add);

    BigInteger revoke() {
        BigInteger serial = t.pki.issuance().issue(IssueRequest.of(root.id(), Csrs.csr(Csrs.p256(), "CN=w.example.net", "w.example.net"),
                null, Validity.days(30))).record().serial();
        t.pki.revocations().revoke(root.id(), serial, RevocationReason.CESSATION_OF_OPERATION, "other process");
        return serial;
    }

    @Test
    void eachRevocationStoredByAnyProcessIsHandedOnOnce() {
        BigInteger first = revoke();
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(handed).extracting(Revocation::serial).containsExactly(first);

        t.clock.advance(Duration.ofSeconds(1));
        BigInteger second = revoke();
        t.clock.advance(Duration.ofSeconds(1));
        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(watcher.poll()).isZero();
        assertThat(handed).extracting(Revocation::serial).containsExactly(first, second);
        assertThat(handed.getLast().reason()).isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
    }

    @Test
    void revocationCommittedLateWithAnOlderTimeIsStillSeenWithinTheLookback() {
        t.clock.advance(Duration.ofSeconds(30));
        watcher.poll();
        // Dated 10 s ago, as a revocation whose transaction waited for a CRL build is.
        t.clock.advance(Duration.ofSeconds(-10));
        BigInteger late = revoke();
        t.clock.advance(Duration.ofSeconds(10));

        assertThat(watcher.poll()).isEqualTo(1);
        assertThat(handed).extracting(Revocation::serial).containsExactly(late);
    }

    @Test
    void revocationsOlderThanTheLookbackAreLeftToTheFetchTimeChecks() {
        revoke();
        t.clock.advance(Duration.ofSeconds(16));
        assertThat(watcher.poll()).isZero();
        assertThat(handed).isEmpty();
    }

    @Test
    void aFailingConsumerDoesNotStopTheOthers() {
        List<BigInteger> ok = new ArrayList<>();
        RevocationWatcher failing = new RevocationWatcher(t.stores.revocations(), t.clock, Duration.ofSeconds(15), r -> {
            if (ok.isEmpty()) {
                ok.add(BigInteger.ZERO);
                throw new IllegalStateException("boom");
            }
            ok.add(r.serial());
        });
        revoke();
        BigInteger second = revoke();
        assertThat(failing.poll()).isEqualTo(2);
        assertThat(ok).containsExactly(BigInteger.ZERO, second);
    }
}
