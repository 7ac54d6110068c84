package dev.stamp.store;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CreationClaim;
import dev.stamp.core.audit.AuditChain;
import dev.stamp.core.audit.AuditEntry;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.ocsp.DelegatedSigner;
import dev.stamp.core.revoke.CrlEntry;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.revoke.RevocationStore;
import dev.stamp.core.revoke.RevokeOutcome;
import dev.stamp.core.store.AuditStore;
import dev.stamp.core.store.CertificateCursor;
import dev.stamp.core.store.CertificatePage;
import dev.stamp.core.store.CertificateQuery;
import dev.stamp.core.store.CertificateRecord;
import dev.stamp.core.store.CertificateStatus;
import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.Role;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.store.Reservation;
import dev.stamp.core.store.Stores;
import dev.stamp.core.vault.WrappedKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stamp.store.Fixtures.T0;
import static dev.stamp.store.Fixtures.event;
import static dev.stamp.store.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every database behind {@link Database} must do; each subclass runs it against one real database. */
abstract class StoreContract {
    private Database db;
    Stores stores;

    /** A database of the kind under test: empty at the first call of a test, the same storage at every later call. */
    abstract Database openDatabase();

    /** Runs after the test's databases are closed. */
    void afterClose() {}

    @BeforeEach
    final void openStores() {
        db = openDatabase();
        stores = db.stores();
    }

    @AfterEach
    final void closeStores() {
        db.close();
        afterClose();
    }

    private void reopen() {
        db.close();
        db = openDatabase();
        stores = db.stores();
    }

    // ---- certificate authorities

    @Test
    void insertedCaIsFoundWithEveryFieldIntact() throws Exception {
        CertificateAuthority sub = Fixtures.subordinate("sub-1", T0);
        CertificateAuthority root = Fixtures.pendingRoot("root-1", T0.plusSeconds(1));
        CertificateAuthority custom = Fixtures.customSubject("custom-1", T0.plusSeconds(2));
        stores.cas().insert(sub, event("CreateCertificateAuthority", "sub-1", "", T0));
        stores.cas().insert(root, event("CreateCertificateAuthority", "root-1", "", T0));
        stores.cas().insert(custom, event("CreateCertificateAuthority", "custom-1", "", T0));

        CertificateAuthority found = stores.cas().find("sub-1").orElseThrow();
        assertThat(found).isEqualTo(sub);
        assertThat(found.csr().getEncoded()).isEqualTo(sub.csr().getEncoded());
        assertThat(found.certificate().getEncoded()).isEqualTo(sub.certificate().getEncoded());
        assertThat(found.chain()).hasSize(1);
        assertThat(found.chain().getFirst().getEncoded()).isEqualTo(sub.chain().getFirst().getEncoded());
        assertThat(found.subject().entries()).containsExactlyElementsOf(sub.subject().entries());
        assertThat(found.createdAt()).isEqualTo(T0);
        assertThat(found.restorableUntil()).isEqualTo(sub.restorableUntil());
        assertThat(found.revocation()).isEqualTo(sub.revocation());
        assertThat(found.statusBeforeDeletion()).isEqualTo(CaStatus.DISABLED);
        assertThat(found.version()).isEqualTo(7);

        assertThat(stores.cas().find("root-1")).contains(root);
        assertThat(stores.cas().find("custom-1")).contains(custom);
        assertThat(stores.cas().find("custom-1").orElseThrow().subject().entries())
                .allSatisfy(e -> assertThat(e.attribute()).isNull());
    }

    @Test
    void missingCaIsNotFound() {
        assertThat(stores.cas().find("nope")).isEmpty();
    }

    @Test
    void casAreListedOldestFirst() {
        stores.cas().insert(Fixtures.pendingRoot("b-newest", T0.plusSeconds(10)), event("Create", "b-newest", "", T0));
        stores.cas().insert(Fixtures.pendingRoot("c-oldest", T0.minusNanos(1)), event("Create", "c-oldest", "", T0));
        stores.cas().insert(Fixtures.pendingRoot("a-middle", T0), event("Create", "a-middle", "", T0));

        assertThat(stores.cas().list()).extracting(CertificateAuthority::id).containsExactly("c-oldest", "a-middle", "b-newest");
    }

    @Test
    void insertingAnExistingCaIdIsAConflictAndChangesNothing() {
        CertificateAuthority root = Fixtures.pendingRoot("root", T0);
        stores.cas().insert(root, event("Create", "root", "", T0));

        assertThatThrownBy(() -> stores.cas().insert(Fixtures.subordinate("root", T0), event("Create", "root", "", T0)))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("root");
        assertThat(stores.cas().find("root")).contains(root);
        assertThat(stores.audit().entries()).hasSize(1);
    }

    @Test
    void updateReplacesEveryFieldAndKeepsTheNewVersion() {
        CertificateAuthority root = Fixtures.pendingRoot("ca", T0);
        stores.cas().insert(root, event("Create", "ca", "", T0));
        CertificateAuthority full = Fixtures.subordinate("ca", T0);
        // The same CA one version on, with every field changed from the pending root.
        CertificateAuthority next = new CertificateAuthority("ca", full.type(), full.status(), full.statusBeforeDeletion(),
                full.usageMode(), full.keyAlgorithm(), full.signingAlgorithm(), full.subject(), full.keyId(), full.csr(),
                full.certificate(), full.chain(), full.revocation(), T0.minusSeconds(5), T0.plusSeconds(5),
                full.restorableUntil(), root.version() + 1);

        stores.cas().update(next, event("ImportCertificateAuthorityCertificate", "ca", "", T0));
        assertThat(stores.cas().find("ca")).contains(next);

        CertificateAuthority restored = next.restored(T0.plusSeconds(6));
        stores.cas().update(restored, event("RestoreCertificateAuthority", "ca", "", T0));
        CertificateAuthority revoking = restored.withRevocation(RevocationConfiguration.crlAndOcsp(), T0.plusSeconds(7));
        stores.cas().update(revoking, event("UpdateCertificateAuthority", "ca", "", T0));

        CertificateAuthority found = stores.cas().find("ca").orElseThrow();
        assertThat(found).isEqualTo(revoking);
        assertThat(found.version()).isEqualTo(root.version() + 3);
        assertThat(found.statusBeforeDeletion()).isNull();
        assertThat(found.restorableUntil()).isNull();
        assertThat(found.status()).isEqualTo(CaStatus.DISABLED);
    }

    @Test
    void aCaChangedThroughAnotherHandleIsFoundChangedAtOnce() throws Exception {
        CertificateAuthority root = Fixtures.pendingRoot("ca", T0);
        stores.cas().insert(root, event("Create", "ca", "", T0));
        assertThat(stores.cas().find("ca")).contains(root); // this handle has now parsed (and kept) the row
        try (Database other = openDatabase()) {
            CertificateAuthority revoking = root.withRevocation(RevocationConfiguration.crlAndOcsp(), T0.plusSeconds(1));
            other.stores().cas().update(revoking, event("UpdateCertificateAuthority", "ca", "", T0));
            assertThat(stores.cas().find("ca")).contains(revoking);
            CertificateAuthority disabled = revoking.withStatus(CaStatus.DISABLED, T0.plusSeconds(2));
            other.stores().cas().update(disabled, event("UpdateCertificateAuthority", "ca", "", T0));
            assertThat(stores.cas().find("ca")).contains(disabled);
            assertThat(stores.cas().find("ca")).contains(disabled);
        }
    }

    @Test
    void updateFromAStaleVersionIsAConflictAndTheFirstWriterWins() {
        CertificateAuthority root = Fixtures.pendingRoot("ca", T0);
        stores.cas().insert(root, event("Create", "ca", "", T0));
        CertificateAuthority first = root.withStatus(CaStatus.FAILED, T0.plusSeconds(1));
        CertificateAuthority second = root.withRevocation(RevocationConfiguration.crlAndOcsp(), T0.plusSeconds(2));

        stores.cas().update(first, event("first", "ca", "", T0));
        assertThatThrownBy(() -> stores.cas().update(second, event("second", "ca", "", T0)))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("ca");

        assertThat(stores.cas().find("ca")).contains(first);
        assertThat(stores.audit().entries()).extracting(e -> e.event().action()).containsExactly("Create", "first");
    }

    @Test
    void updatingAMissingCaIsNotFound() {
        CertificateAuthority ghost = Fixtures.pendingRoot("ghost", T0).withStatus(CaStatus.ACTIVE, T0);
        assertThatThrownBy(() -> stores.cas().update(ghost, event("Update", "ghost", "", T0)))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("ghost");
        assertThat(stores.audit().entries()).isEmpty();
    }

    // ---- certificates

    @Test
    void reservedSerialIsPendingAndFoundByCaAndSerial() {
        addCa("ca");
        CertificateRecord tbs = pending("ca", new BigInteger("1234567890abcdef", 16), "token-1", T0);

        assertThat(stores.certificates().reserve(tbs, T0.minusSeconds(60))).isEqualTo(new Reservation.Reserved());

        CertificateRecord found = stores.certificates().find("ca", tbs.serial()).orElseThrow();
        assertSameRecord(found, tbs);
        assertThat(found.state()).isEqualTo(CertificateState.PENDING);
        assertThat(stores.certificates().find("ca", tbs.serial().add(BigInteger.ONE))).isEmpty();
        assertThat(stores.certificates().find("other-ca", tbs.serial())).isEmpty();
    }

    @Test
    void serialsOfEveryLengthAreLookedUpExactly() {
        addCa("ca");
        BigInteger twentyOctets = new BigInteger(1, new byte[] {0x7f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19});
        List<BigInteger> serials = List.of(BigInteger.ONE, BigInteger.valueOf(16), BigInteger.valueOf(256), twentyOctets);
        for (BigInteger serial : serials) {
            assertThat(stores.certificates().reserve(pending("ca", serial, null, T0), T0)).isEqualTo(new Reservation.Reserved());
        }
        for (BigInteger serial : serials) {
            assertThat(stores.certificates().find("ca", serial)).map(CertificateRecord::serial).contains(serial);
        }
        assertThat(stores.certificates().find("ca", BigInteger.TWO)).isEmpty();
    }

    @Test
    void issuedCertificateReplacesTheToBeSignedBytesAndAppendsItsEvent() {
        addCa("ca");
        CertificateRecord tbs = pending("ca", BigInteger.valueOf(42), null, T0);
        stores.certificates().reserve(tbs, T0);

        CertificateRecord issued = tbs.issued(Fixtures.signed(tbs.serial()));
        stores.certificates().recordIssued(issued, event("IssueCertificate", "ca", issued.serialHex(), T0));

        CertificateRecord found = stores.certificates().find("ca", tbs.serial()).orElseThrow();
        assertSameRecord(found, issued);
        assertThat(found.state()).isEqualTo(CertificateState.ISSUED);
        assertThat(found.der()).isEqualTo(Fixtures.signed(tbs.serial()));
        assertThat(stores.audit().entries().getLast().event().target()).isEqualTo(issued.serialHex());
    }

    @Test
    void failedIssuanceIsMarkedFailedAndAudited() {
        addCa("ca");
        CertificateRecord tbs = pending("ca", BigInteger.valueOf(43), null, T0);
        stores.certificates().reserve(tbs, T0);

        stores.certificates().recordFailed("ca", tbs.serial(), event("IssueCertificateFailed", "ca", tbs.serialHex(), T0));

        CertificateRecord found = stores.certificates().find("ca", tbs.serial()).orElseThrow();
        assertThat(found.state()).isEqualTo(CertificateState.FAILED);
        assertThat(found.der()).isEqualTo(tbs.der());
        assertThat(stores.audit().entries().getLast().event().action()).isEqualTo("IssueCertificateFailed");
    }

    @Test
    void onlyAPendingRecordCanBeIssuedOrFailed() {
        addCa("ca");
        CertificateRecord tbs = pending("ca", BigInteger.valueOf(44), null, T0);
        stores.certificates().reserve(tbs, T0);
        stores.certificates().recordFailed("ca", tbs.serial(), event("Failed", "ca", "", T0));
        int entries = stores.audit().entries().size();

        assertThatThrownBy(() -> stores.certificates().recordIssued(tbs.issued(new byte[] {1}), event("Issue", "ca", "", T0)))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("FAILED");
        assertThatThrownBy(() -> stores.certificates().recordFailed("ca", BigInteger.valueOf(999), event("Failed", "ca", "", T0)))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> stores.certificates().recordIssued(
                pending("ca", BigInteger.valueOf(998), null, T0).issued(new byte[] {1}), event("Issue", "ca", "", T0)))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(stores.audit().entries()).hasSize(entries);
        assertThat(stores.certificates().find("ca", tbs.serial()).orElseThrow().state()).isEqualTo(CertificateState.FAILED);
        // the refused writes left no transaction open behind them
        assertThat(stores.certificates().reserve(pending("ca", BigInteger.valueOf(45), null, T0), T0)).isEqualTo(new Reservation.Reserved());
    }

    @Test
    void reservingUnderAMissingCaIsNotFound() {
        assertThatThrownBy(() -> stores.certificates().reserve(pending("no-such-ca", BigInteger.ONE, null, T0), T0))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no-such-ca");
        addCa("ca");
        assertThat(stores.certificates().reserve(pending("ca", BigInteger.ONE, null, T0), T0)).isEqualTo(new Reservation.Reserved());
    }

    @Test
    void takenSerialIsReportedAndNothingIsStored() {
        addCa("ca");
        CertificateRecord first = pending("ca", BigInteger.valueOf(7), "first", T0);
        stores.certificates().reserve(first, T0);

        CertificateRecord clash = pending("ca", BigInteger.valueOf(7), "second", T0.plusSeconds(1));
        assertThat(stores.certificates().reserve(clash, T0)).isEqualTo(new Reservation.SerialTaken());

        assertSameRecord(stores.certificates().find("ca", BigInteger.valueOf(7)).orElseThrow(), first);
        assertThat(stores.certificates().count("ca")).isEqualTo(1);
        // the token of the refused request was not stored either
        assertThat(stores.certificates().reserve(pending("ca", BigInteger.valueOf(8), "second", T0), T0))
                .isEqualTo(new Reservation.Reserved());
    }

    @Test
    void sameSerialUnderAnotherCaIsAnotherCertificate() {
        addCa("ca-a");
        addCa("ca-b");
        assertThat(stores.certificates().reserve(pending("ca-a", BigInteger.TEN, "t", T0), T0)).isEqualTo(new Reservation.Reserved());
        assertThat(stores.certificates().reserve(pending("ca-b", BigInteger.TEN, "t", T0), T0)).isEqualTo(new Reservation.Reserved());
        assertThat(stores.certificates().count("ca-a")).isEqualTo(1);
        assertThat(stores.certificates().count("ca-b")).isEqualTo(1);
    }

    @Test
    void tokenUsedWithinItsWindowReturnsTheEarlierRecordAndStoresNothing() {
        addCa("ca");
        CertificateRecord earlier = pending("ca", BigInteger.valueOf(100), "token", T0);
        stores.certificates().reserve(earlier, T0.minusSeconds(60));
        stores.certificates().recordIssued(earlier.issued(Fixtures.signed(earlier.serial())), event("Issue", "ca", "", T0));

        Instant retryAt = T0.plusSeconds(30);
        Reservation retry = stores.certificates().reserve(pending("ca", BigInteger.valueOf(101), "token", retryAt),
                retryAt.minusSeconds(60));

        assertThat(retry).isInstanceOf(Reservation.TokenUsed.class);
        assertSameRecord(((Reservation.TokenUsed) retry).earlier(), earlier.issued(Fixtures.signed(earlier.serial())));
        assertThat(stores.certificates().find("ca", BigInteger.valueOf(101))).isEmpty();
        assertThat(stores.certificates().count("ca")).isEqualTo(1);
    }

    @Test
    void tokenHeldExactlySinceTheWindowStartStillCounts() {
        addCa("ca");
        stores.certificates().reserve(pending("ca", BigInteger.valueOf(1), "token", T0), T0);
        assertThat(stores.certificates().reserve(pending("ca", BigInteger.valueOf(2), "token", T0.plusSeconds(60)), T0))
                .isInstanceOf(Reservation.TokenUsed.class);
    }

    @Test
    void tokenIsReusableAfterItsWindowAndTheOlderHolderLosesIt() {
        addCa("ca");
        CertificateRecord old = pending("ca", BigInteger.valueOf(200), "token", T0);
        stores.certificates().reserve(old, T0);

        Instant later = T0.plus(Duration.ofMinutes(5));
        CertificateRecord fresh = pending("ca", BigInteger.valueOf(201), "token", later);
        assertThat(stores.certificates().reserve(fresh, later.minusSeconds(60))).isEqualTo(new Reservation.Reserved());

        assertThat(stores.certificates().find("ca", old.serial()).orElseThrow().idempotencyToken()).isNull();
        assertThat(stores.certificates().find("ca", old.serial()).orElseThrow().der()).isEqualTo(old.der());
        assertThat(stores.certificates().find("ca", fresh.serial()).orElseThrow().idempotencyToken()).isEqualTo("token");
        // within the new holder's window the token is used again
        assertThat(stores.certificates().reserve(pending("ca", BigInteger.valueOf(202), "token", later), later.minusSeconds(60)))
                .isInstanceOfSatisfying(Reservation.TokenUsed.class,
                        used -> assertThat(used.earlier().serial()).isEqualTo(fresh.serial()));
    }

    @Test
    void tokenUsedWinsOverSerialTaken() {
        addCa("ca");
        stores.certificates().reserve(pending("ca", BigInteger.valueOf(300), "token", T0), T0);
        assertThat(stores.certificates().reserve(pending("ca", BigInteger.valueOf(300), "token", T0), T0))
                .isInstanceOf(Reservation.TokenUsed.class);
    }

    @Test
    void certificatesAreListedNewestFirstPerCaOrForAllAndCounted() {
        addCa("ca-a");
        addCa("ca-b");
        stores.certificates().reserve(pending("ca-a", BigInteger.valueOf(1), null, T0), T0);
        stores.certificates().reserve(pending("ca-a", BigInteger.valueOf(2), null, T0.plusSeconds(2)), T0);
        stores.certificates().reserve(pending("ca-b", BigInteger.valueOf(3), null, T0.plusSeconds(1)), T0);
        stores.certificates().reserve(pending("ca-a", BigInteger.valueOf(4), null, T0.plusNanos(1)), T0);

        assertThat(stores.certificates().list("ca-a", 10)).extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.valueOf(2), BigInteger.valueOf(4), BigInteger.valueOf(1));
        assertThat(stores.certificates().list("ca-a", 2)).extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.valueOf(2), BigInteger.valueOf(4));
        assertThat(stores.certificates().list(null, 10)).extracting(CertificateRecord::serial)
                .containsExactly(BigInteger.valueOf(2), BigInteger.valueOf(3), BigInteger.valueOf(4), BigInteger.valueOf(1));
        assertThat(stores.certificates().list("ca-a", 0)).isEmpty();
        assertThat(stores.certificates().list("none", 10)).isEmpty();
        assertThat(stores.certificates().count("ca-a")).isEqualTo(3);
        assertThat(stores.certificates().count("ca-b")).isEqualTo(1);
        assertThat(stores.certificates().count(null)).isEqualTo(4);
        assertThat(stores.certificates().count("none")).isZero();
    }

    @Test
    void expiringCountsOnlyIssuedUnrevokedCertificatesOfTheCaInsideTheWindow() {
        addCa("ca");
        addCa("other");
        // Fixtures expire 90 days after they are created
        issue("ca", 1, T0);                                          // expires T0+90d
        issue("ca", 2, T0.plus(Duration.ofDays(1)));                 // T0+91d, revoked below
        issue("ca", 3, T0.plus(Duration.ofDays(10)));                // T0+100d
        issue("ca", 7, T0.plus(Duration.ofDays(2)));                 // T0+92d: exactly at the 7-day edge
        issue("ca", 5, T0.minus(Duration.ofDays(10)));               // T0+80d: expired by then
        issue("other", 6, T0);                                       // another CA's
        stores.certificates().reserve(pending("ca", BigInteger.valueOf(4), null, T0.plus(Duration.ofDays(2))), T0); // never issued
        CertificateRecord two = stores.certificates().find("ca", BigInteger.TWO).orElseThrow();
        stores.revocations().revoke(revocation("ca", two.serial(), RevocationReason.KEY_COMPROMISE, T0, two.notAfter()),
                event("RevokeCertificate", "ca", two.serialHex(), T0));

        Instant now = T0.plus(Duration.ofDays(85));
        assertThat(stores.certificates().countUnrevokedExpiring("ca", now, now.plus(Duration.ofDays(7)))).isEqualTo(2);
        assertThat(stores.certificates().countUnrevokedExpiring("ca", now, now.plus(Duration.ofDays(30)))).isEqualTo(3);
        assertThat(stores.certificates().countUnrevokedExpiring("other", now, now.plus(Duration.ofDays(30)))).isEqualTo(1);
        assertThat(stores.certificates().countUnrevokedExpiring("none", now, now.plus(Duration.ofDays(30)))).isZero();
    }

    private void issue(String caId, long serial, Instant createdAt) {
        CertificateRecord tbs = pending(caId, BigInteger.valueOf(serial), null, createdAt);
        stores.certificates().reserve(tbs, createdAt);
        stores.certificates().recordIssued(tbs.issued(Fixtures.signed(tbs.serial())), event("IssueCertificate", caId, tbs.serialHex(), createdAt));
    }

    // ---- audit

    @Test
    void everyAuditedWriteAppendsItsEventToOneVerifiableChain() {
        List<AuditEvent> expected = new ArrayList<>();
        CertificateAuthority root = Fixtures.pendingRoot("ca", T0);
        expected.add(event("CreateCertificateAuthority", "ca", "", T0));
        stores.cas().insert(root, expected.getLast());
        expected.add(event("UpdateCertificateAuthority", "ca", "", T0.plusMillis(1)));
        stores.cas().update(root.withStatus(CaStatus.ACTIVE, T0), expected.getLast());
        CertificateRecord a = pending("ca", BigInteger.valueOf(1), null, T0);
        CertificateRecord b = pending("ca", BigInteger.valueOf(2), null, T0);
        stores.certificates().reserve(a, T0);
        stores.certificates().reserve(b, T0);
        expected.add(event("IssueCertificate", "ca", a.serialHex(), T0.plusMillis(2)));
        stores.certificates().recordIssued(a.issued(new byte[] {1}), expected.getLast());
        expected.add(event("IssueCertificateFailed", "ca", b.serialHex(), T0.plusMillis(3)));
        stores.certificates().recordFailed("ca", b.serial(), expected.getLast());
        expected.add(new AuditEvent(T0.plusNanos(5), "operator", "VerifyAudit", null, null, null));
        AuditEntry appended = stores.audit().append(expected.getLast());

        List<AuditEntry> entries = stores.audit().entries();
        assertThat(entries).extracting(AuditEntry::event).containsExactlyElementsOf(expected);
        assertThat(entries).extracting(AuditEntry::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(entries.getLast()).isEqualTo(appended);
        assertThat(entries.getFirst().previousHash()).isEqualTo(AuditEntry.GENESIS);
        AuditStore.Head head = stores.audit().head();
        assertThat(head).isEqualTo(new AuditStore.Head(5, appended.hash()));
        assertThat(AuditChain.verify(entries, head.sequence(), head.hash())).isEmpty();
    }

    @Test
    void emptyAuditLogHasTheGenesisHead() {
        assertThat(stores.audit().entries()).isEmpty();
        assertThat(stores.audit().head()).isEqualTo(new AuditStore.Head(0, AuditEntry.GENESIS));
        assertThat(AuditChain.verify(List.of(), 0, AuditEntry.GENESIS)).isEmpty();
    }

    @Test
    void auditChainSurvivesReopening() {
        stores.audit().append(event("One", null, null, T0));
        reopen();
        stores.audit().append(event("Two", null, null, T0));
        List<AuditEntry> entries = stores.audit().entries();
        assertThat(entries).extracting(e -> e.event().action()).containsExactly("One", "Two");
        assertThat(AuditChain.verify(entries, stores.audit().head().sequence(), stores.audit().head().hash())).isEmpty();
    }

    // ---- concurrency

    @Test
    void eightThreadsIssuingConcurrentlyLoseNoRowAndKeepTheChainIntact() throws Exception {
        addCa("ca");
        int threads = 8;
        int perThread = 250;
        List<Reservation> outcomes = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(threads, t -> () -> {
            for (int i = 0; i < perThread; i++) {
                BigInteger serial = BigInteger.valueOf(t * 1_000_000L + i + 1);
                String token = i % 2 == 0 ? "t" + t + "-" + i : null;
                CertificateRecord tbs = pending("ca", serial, token, T0.plusMillis(i));
                outcomes.add(stores.certificates().reserve(tbs, T0));
                stores.certificates().recordIssued(tbs.issued(Fixtures.signed(serial)), event("IssueCertificate", "ca", tbs.serialHex(), T0));
            }
            return null;
        });

        assertThat(outcomes).hasSize(threads * perThread).containsOnly(new Reservation.Reserved());
        assertThat(stores.certificates().count("ca")).isEqualTo(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                BigInteger serial = BigInteger.valueOf(t * 1_000_000L + i + 1);
                assertThat(stores.certificates().find("ca", serial)).hasValueSatisfying(r -> {
                    assertThat(r.state()).isEqualTo(CertificateState.ISSUED);
                    assertThat(r.der()).isEqualTo(Fixtures.signed(serial));
                });
            }
        }
        assertChainIntact(1 + threads * perThread);
    }

    @Test
    void concurrentRequestsWithOneTokenReserveOnce() throws Exception {
        addCa("ca");
        List<Reservation> outcomes = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(8, t -> () -> {
            outcomes.add(stores.certificates().reserve(pending("ca", BigInteger.valueOf(500 + t), "same-token", T0), T0.minusSeconds(60)));
            return null;
        });

        assertThat(outcomes).filteredOn(r -> r instanceof Reservation.Reserved).hasSize(1);
        assertThat(outcomes).filteredOn(r -> r instanceof Reservation.TokenUsed).hasSize(7);
        assertThat(stores.certificates().count("ca")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForOneSerialReserveOnce() throws Exception {
        addCa("ca");
        List<Reservation> outcomes = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(8, t -> () -> {
            outcomes.add(stores.certificates().reserve(pending("ca", BigInteger.valueOf(77), "token-" + t, T0), T0));
            return null;
        });

        assertThat(outcomes).filteredOn(r -> r instanceof Reservation.Reserved).hasSize(1);
        assertThat(outcomes).filteredOn(r -> r instanceof Reservation.SerialTaken).hasSize(7);
        assertThat(stores.certificates().count("ca")).isEqualTo(1);
    }

    @Test
    void twoReplicasOnOneDatabaseKeepOneChain() throws Exception {
        addCa("ca");
        try (Database other = openDatabase()) {
            List<Stores> replicas = List.of(stores, other.stores());
            runConcurrently(8, t -> () -> {
                Stores replica = replicas.get(t % 2);
                for (int i = 0; i < 40; i++) {
                    BigInteger serial = BigInteger.valueOf(t * 1000L + i + 1);
                    CertificateRecord tbs = pending("ca", serial, null, T0);
                    assertThat(replica.certificates().reserve(tbs, T0)).isEqualTo(new Reservation.Reserved());
                    replica.certificates().recordIssued(tbs.issued(Fixtures.signed(serial)), event("Issue", "ca", tbs.serialHex(), T0));
                    replica.audit().append(event("Extra", "ca", tbs.serialHex(), T0));
                }
                return null;
            });
        }
        assertThat(stores.certificates().count("ca")).isEqualTo(8 * 40);
        assertChainIntact(1 + 8 * 40 * 2);
    }

    // ---- vault

    @Test
    void wrappedKeysAreStoredAndReplacedById() {
        WrappedKey key = new WrappedKey("k1", KeyAlgorithm.EC_prime256v1, new byte[] {1, 2, 3}, new byte[] {9, 8, 7, 6});
        stores.keys().put(key);
        WrappedKey found = stores.keys().get("k1").orElseThrow();
        assertThat(found.keyId()).isEqualTo("k1");
        assertThat(found.algorithm()).isEqualTo(KeyAlgorithm.EC_prime256v1);
        assertThat(found.publicKey()).containsExactly(1, 2, 3);
        assertThat(found.wrapped()).containsExactly(9, 8, 7, 6);

        stores.keys().put(new WrappedKey("k1", KeyAlgorithm.EC_prime256v1, new byte[] {1, 2, 3}, new byte[] {5}));
        assertThat(stores.keys().get("k1").orElseThrow().wrapped()).containsExactly(5);
        assertThat(stores.keys().get("k2")).isEmpty();
    }

    @Test
    void aRekeyRewrapsEveryKeyResealsEverySecretAndReplacesTheSettingsTogetherOrNotAtAll() {
        stores.keys().put(new WrappedKey("k1", KeyAlgorithm.EC_prime256v1, new byte[] {1}, new byte[] {1, 1}));
        stores.keys().put(new WrappedKey("k2", KeyAlgorithm.RSA_2048, new byte[] {2}, new byte[] {2, 2}));
        stores.keys().putSetting("vault.kek.check", "old check");
        stores.keys().putSetting("vault.kek.kdf", "old kdf");
        db.accessKeys().insert(new dev.stamp.core.token.AccessKey("SKIAAAAAAAAAAAAAAAA1", "sdk", dev.stamp.core.token.Role.ADMIN,
                List.of(), new byte[] {7, 7}, T0, null));

        // A rekey that fails half way (the second key does not open) leaves everything as it was.
        long auditBefore = stores.audit().entries().size();
        assertThatThrownBy(() -> stores.keys().rekey(rekey(key -> {
            if (key.keyId().equals("k2")) throw StampException.invalidState("k2 does not open");
            return key.wrapped();
        }), rekeyEvent())).isInstanceOf(StampException.class);
        reopen();
        assertThat(stores.keys().get("k1").orElseThrow().wrapped()).containsExactly(1, 1);
        assertThat(stores.keys().setting("vault.kek.check")).contains("old check");

        assertThat(stores.audit().entries()).hasSize((int) auditBefore);
        var done = stores.keys().rekey(rekey(key -> new byte[] {9, key.wrapped()[0]}), rekeyEvent());

        assertThat(done).isEqualTo(new dev.stamp.core.vault.WrappedKeyStore.Rekeyed(2, 1));
        reopen();
        assertThat(stores.keys().get("k1").orElseThrow().wrapped()).containsExactly(9, 1);
        assertThat(stores.keys().get("k2").orElseThrow().wrapped()).containsExactly(9, 2);
        assertThat(stores.keys().get("k2").orElseThrow().publicKey()).containsExactly(2);
        assertThat(db.accessKeys().find("SKIAAAAAAAAAAAAAAAA1").orElseThrow().sealedSecret())
                .as("resealed for its own id").containsExactly(7, 7, 'S');
        assertThat(stores.keys().setting("vault.kek.check")).contains("new check");
        assertThat(stores.keys().setting("vault.kek.kdf")).isEmpty();
        assertThat(stores.audit().entries()).last().extracting(e -> e.event().action()).isEqualTo("vault.rekey");
    }

    private static dev.stamp.core.audit.AuditEvent rekeyEvent() {
        return new dev.stamp.core.audit.AuditEvent(T0, "test", "vault.rekey", "", "key vault", "from a passphrase to a passphrase");
    }

    /** A rekey that rewraps with {@code wrap}, appends the context's first character to each sealed secret, and swaps the settings. */
    private static dev.stamp.core.vault.WrappedKeyStore.Rekey rekey(java.util.function.Function<WrappedKey, byte[]> wrap) {
        return new dev.stamp.core.vault.WrappedKeyStore.Rekey() {
            @Override public WrappedKey rewrap(WrappedKey key) {
                return new WrappedKey(key.keyId(), key.algorithm(), key.publicKey(), wrap.apply(key));
            }

            @Override public byte[] reseal(byte[] sealed, String context) {
                byte[] out = java.util.Arrays.copyOf(sealed, sealed.length + 1);
                out[sealed.length] = (byte) context.charAt(0);
                return out;
            }

            @Override public java.util.Map<String, String> settings() {
                java.util.Map<String, String> settings = new java.util.HashMap<>();
                settings.put("vault.kek.check", "new check");
                settings.put("vault.kek.kdf", null);
                return settings;
            }
        };
    }

    @Test
    void vaultSettingsAreStoredReplacedAndDeletedByNull() {
        assertThat(stores.keys().setting("kdf.salt")).isEmpty();
        stores.keys().putSetting("kdf.salt", "c2FsdA==");
        stores.keys().putSetting("check", "one");
        stores.keys().putSetting("check", "two");
        assertThat(stores.keys().setting("kdf.salt")).contains("c2FsdA==");
        assertThat(stores.keys().setting("check")).contains("two");
        stores.keys().putSetting("check", null);
        assertThat(stores.keys().setting("check")).isEmpty();
        stores.keys().putSetting("never-set", null);
        assertThat(stores.keys().setting("never-set")).isEmpty();
    }

    // ---- lifecycle

    @Test
    void reopeningRunsNoMigrationTwiceAndKeepsEverything() {
        CertificateAuthority sub = Fixtures.subordinate("sub", T0);
        stores.cas().insert(sub, event("Create", "sub", "", T0));
        stores.keys().put(new WrappedKey("k", KeyAlgorithm.EC_prime256v1, new byte[] {1}, new byte[] {2}));

        reopen();
        reopen();

        assertThat(stores.cas().find("sub")).contains(sub);
        assertThat(stores.keys().get("k")).isPresent();
        assertThat(stores.audit().entries()).hasSize(1);
    }

    @Test
    void closedDatabaseRefusesWork() {
        Database extra = openDatabase();
        extra.close();
        assertThatThrownBy(() -> extra.stores().cas().list()).isInstanceOf(RuntimeException.class);
    }

    // ---- helpers

    // ---- certificate listings: filters and keyset paging

    /** Issues a certificate with real DER carrying {@code cn} and the DNS names, created at {@code createdAt}. */
    private CertificateRecord issuedNamed(String caId, long serial, Instant createdAt, Instant notAfter, String cn, String... dns) {
        BigInteger n = BigInteger.valueOf(serial);
        byte[] leaf = TestPki.leaf(n, cn, notAfter, dns);
        // As the issuance pipeline does: the intent holds the to-be-signed certificate, the names are read from it.
        byte[] tbs;
        try {
            tbs = org.bouncycastle.asn1.x509.Certificate.getInstance(leaf).getTBSCertificate().getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CertificateRecord pending = new CertificateRecord(caId, n, CertificateState.PENDING, "EndEntityCertificate/V1", "CN=" + cn + ",O=Example",
                notAfter.minusSeconds(86_400), notAfter, tbs, null, createdAt);
        assertThat(stores.certificates().reserve(pending, createdAt)).isInstanceOf(Reservation.Reserved.class);
        CertificateRecord issued = pending.issued(leaf);
        stores.certificates().recordIssued(issued, event("IssueCertificate", caId, issued.serialHex(), createdAt));
        return issued;
    }

    private List<Long> serials(CertificateQuery q) {
        return stores.certificates().query(q).items().stream().map(l -> l.record().serial().longValueExact()).toList();
    }

    private static CertificateQuery query(Set<String> cas, CertificateStatus status, Instant expiringBefore, String name) {
        return new CertificateQuery(cas, status, expiringBefore, name, T0.plus(Duration.ofDays(10)), 100, null);
    }

    @Test
    void certificateQueryFiltersByCaStatusExpiryAndNameTogether() {
        addCa("ca-a");
        addCa("ca-b");
        Instant soon = T0.plus(Duration.ofDays(5));
        Instant later = T0.plus(Duration.ofDays(30));
        issuedNamed("ca-a", 1, T0, later, "web.example.com", "web.example.com", "www.Example.com");
        issuedNamed("ca-a", 2, T0.plusSeconds(1), soon, "Old Host", "old.example.net");
        issuedNamed("ca-b", 3, T0.plusSeconds(2), later, "api.example.com", "api.example.com");
        CertificateRecord revoked = issuedNamed("ca-b", 4, T0.plusSeconds(3), later, "mail.example.org");
        stores.certificates().reserve(pending("ca-a", BigInteger.valueOf(5), null, T0.plusSeconds(4)), T0);
        stores.revocations().revoke(revocation("ca-b", revoked.serial(), RevocationReason.KEY_COMPROMISE, T0.plusSeconds(5), later),
                event("RevokeCertificate", "ca-b", revoked.serialHex(), T0.plusSeconds(5)));

        // now = T0 + 10 days: serial 2 has expired
        assertThat(serials(query(Set.of(), null, null, null))).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(serials(query(Set.of("ca-a"), null, null, null))).containsExactly(5L, 2L, 1L);
        assertThat(serials(query(Set.of("ca-a", "ca-b"), null, null, null))).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(serials(query(Set.of(), CertificateStatus.ISSUED, null, null))).containsExactly(3L, 1L);
        assertThat(serials(query(Set.of(), CertificateStatus.REVOKED, null, null))).containsExactly(4L);
        assertThat(serials(query(Set.of(), CertificateStatus.EXPIRED, null, null))).containsExactly(2L);
        assertThat(serials(query(Set.of(), CertificateStatus.PENDING, null, null))).containsExactly(5L);
        assertThat(serials(query(Set.of(), CertificateStatus.FAILED, null, null))).isEmpty();
        assertThat(serials(query(Set.of(), null, T0.plus(Duration.ofDays(6)), null))).containsExactly(2L);
        // CN or SAN, any case; SANs are searched even when the CN differs
        assertThat(serials(query(Set.of(), null, null, "WWW.example"))).containsExactly(1L);
        assertThat(serials(query(Set.of(), null, null, "old.example.net"))).containsExactly(2L);
        assertThat(serials(query(Set.of(), null, null, "old host"))).containsExactly(2L);
        assertThat(serials(query(Set.of(), null, null, "example.com"))).containsExactly(3L, 1L);
        assertThat(serials(query(Set.of("ca-b"), CertificateStatus.ISSUED, null, "example"))).containsExactly(3L);
        assertThat(stores.certificates().query(query(Set.of(), CertificateStatus.REVOKED, null, null)).items().getFirst().status())
                .isEqualTo(CertificateStatus.REVOKED);
        assertThat(serials(query(Set.of("none"), null, null, null))).isEmpty();
    }

    @Test
    void nameFilterTakesLikeWildcardsAndQuotesLiterally() {
        addCa("ca");
        Instant later = T0.plus(Duration.ofDays(30));
        issuedNamed("ca", 1, T0, later, "a_b.example.com");
        issuedNamed("ca", 2, T0.plusSeconds(1), later, "axb.example.com");
        issuedNamed("ca", 3, T0.plusSeconds(2), later, "100%.example.com");

        assertThat(serials(query(Set.of(), null, null, "a_b"))).containsExactly(1L);
        assertThat(serials(query(Set.of(), null, null, "%"))).containsExactly(3L);
        assertThat(serials(query(Set.of(), null, null, "_"))).containsExactly(1L);
        assertThat(serials(query(Set.of(), null, null, "!"))).isEmpty();
        assertThat(serials(query(Set.of(), null, null, "' OR '1'='1"))).isEmpty();
    }

    @Test
    void cursorPagesVisitEveryCertificateOnceInOrderEvenWithEqualCreationTimes() {
        addCa("ca-a");
        addCa("ca-b");
        Instant later = T0.plus(Duration.ofDays(30));
        for (long serial = 1; serial <= 7; serial++) {
            // pairs share a creation time, and serial 1 exists in both CAs: the cursor's tie-breakers must hold
            issuedNamed(serial % 2 == 0 ? "ca-a" : "ca-b", serial, T0.plusSeconds(serial / 2), later, "host" + serial);
        }
        issuedNamed("ca-a", 1, T0, later, "host1-in-a");

        List<String> seen = new ArrayList<>();
        CertificateCursor cursor = null;
        int pages = 0;
        do {
            CertificatePage page = stores.certificates().query(new CertificateQuery(Set.of(), null, null, null, T0, 3, cursor));
            page.items().forEach(l -> seen.add(l.record().caId() + "/" + l.record().serial()));
            cursor = page.next() == null ? null : CertificateCursor.parse(page.next().token());
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("ca-b/7", "ca-a/6", "ca-b/5", "ca-a/4", "ca-b/3", "ca-a/2", "ca-b/1", "ca-a/1");
    }

    @Test
    void auditPagesFollowTheSequence() {
        for (int i = 0; i < 5; i++) stores.audit().append(event("Action" + i, "", "", T0.plusSeconds(i)));
        assertThat(stores.audit().page(0, 2)).extracting(AuditEntry::sequence).containsExactly(1L, 2L);
        assertThat(stores.audit().page(2, 2)).extracting(AuditEntry::sequence).containsExactly(3L, 4L);
        assertThat(stores.audit().page(4, 2)).extracting(AuditEntry::sequence).containsExactly(5L);
        assertThat(stores.audit().page(5, 2)).isEmpty();
    }

    @Test
    void apiTokenKeepsItsExpiryAndItsAbsence() {
        var tokens = db.apiTokens();
        tokens.insert(new ApiToken("tok_1", "ci", Role.AUDITOR, List.of(), "a".repeat(64), T0, null, T0.plus(Duration.ofDays(90))));
        tokens.insert(new ApiToken("tok_2", "ops", Role.ADMIN, List.of(), "b".repeat(64), T0, null, null));
        reopen();
        assertThat(db.apiTokens().find("tok_1").orElseThrow().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(90)));
        assertThat(db.apiTokens().findByHash("b".repeat(64)).orElseThrow().expiresAt()).isNull();
    }

    private void addCa(String id) {
        stores.cas().insert(Fixtures.pendingRoot(id, T0).withStatus(CaStatus.ACTIVE, T0), event("Create", id, "", T0));
    }

    private void assertChainIntact(int expectedEntries) {
        List<AuditEntry> entries = stores.audit().entries();
        AuditStore.Head head = stores.audit().head();
        assertThat(entries).hasSize(expectedEntries);
        assertThat(head.sequence()).isEqualTo(expectedEntries);
        assertThat(AuditChain.verify(entries, head.sequence(), head.hash())).isEmpty();
    }

    // ---- revocations and CRLs

    private CertificateRecord issuedCertificate(String caId, BigInteger serial, Instant notAfter) {
        if (stores.cas().find(caId).isEmpty()) stores.cas().insert(Fixtures.pendingRoot(caId, T0), event("Create", caId, "", T0));
        CertificateRecord p = pending(caId, serial, null, T0);
        CertificateRecord pending = new CertificateRecord(caId, serial, CertificateState.PENDING, p.template(), p.subject(),
                p.notBefore(), notAfter, p.der(), null, T0);
        assertThat(stores.certificates().reserve(pending, T0)).isInstanceOf(Reservation.Reserved.class);
        CertificateRecord issued = pending.issued(Fixtures.signed(serial));
        stores.certificates().recordIssued(issued, event("IssueCertificate", caId, issued.serialHex(), T0));
        return issued;
    }

    private static Revocation revocation(String caId, BigInteger serial, RevocationReason reason, Instant at, Instant notAfter) {
        return new Revocation(caId, serial, reason, at, notAfter, CrlPartitions.of(serial), "test-admin");
    }

    /** A writer that records what it was given and "signs" nothing: the port's contract, not the encoding. */
    private static final class FakeWriter implements RevocationStore.CrlWriter {
        final Instant cutoff;
        final Instant now;
        final List<CrlEntry> seen = new ArrayList<>();
        Optional<Instant> previous;
        String caId;
        int partition;

        FakeWriter(String caId, int partition, Instant now, Instant cutoff) {
            this.caId = caId;
            this.partition = partition;
            this.now = now;
            this.cutoff = cutoff;
        }

        @Override public PublishedCrl write(long number, Optional<Instant> previous, RevocationStore.DueEntries entries) {
            this.previous = previous;
            entries.forEach(cutoff, seen::add);
            return new PublishedCrl(caId, partition, number, now, now.plus(Duration.ofDays(7)), seen.size(),
                    ("crl " + number).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void revocationIsARowBesideTheIssuedRecordWithItsAuditEntryAndASecondOneIsRefused() {
        BigInteger serial = new BigInteger("7f0a0b0c0d0e0f101112131415161718", 16);
        CertificateRecord issued = issuedCertificate("ca", serial, T0.plus(Duration.ofDays(90)));
        int audit = stores.audit().entries().size();
        Revocation r = revocation("ca", serial, RevocationReason.KEY_COMPROMISE, T0.plusSeconds(60), issued.notAfter());

        assertThat(stores.revocations().revoke(r, event("RevokeCertificate", "ca", issued.serialHex(), T0)))
                .isEqualTo(new RevokeOutcome.Revoked(r));
        assertThat(stores.revocations().find("ca", serial)).contains(r);
        assertSameRecord(stores.certificates().find("ca", serial).orElseThrow(), issued);
        assertThat(stores.audit().entries()).hasSize(audit + 1);
        assertThat(stores.audit().entries().getLast().event().action()).isEqualTo("RevokeCertificate");

        Revocation again = revocation("ca", serial, RevocationReason.SUPERSEDED, T0.plusSeconds(120), issued.notAfter());
        assertThat(stores.revocations().revoke(again, event("RevokeCertificate", "ca", issued.serialHex(), T0)))
                .isEqualTo(new RevokeOutcome.AlreadyRevoked(r));
        assertThat(stores.audit().entries()).hasSize(audit + 1);
        reopen();
        assertThat(stores.revocations().find("ca", serial)).contains(r);
    }

    @Test
    void revokingAnUnknownCertificateStoresNothing() {
        stores.cas().insert(Fixtures.pendingRoot("ca", T0), event("Create", "ca", "", T0));
        int audit = stores.audit().entries().size();
        Revocation r = revocation("ca", BigInteger.valueOf(12345), RevocationReason.UNSPECIFIED, T0, T0);
        assertThat(stores.revocations().revoke(r, event("RevokeCertificate", "ca", "", T0))).isInstanceOf(RevokeOutcome.NoCertificate.class);
        assertThat(stores.revocations().find("ca", BigInteger.valueOf(12345))).isEmpty();
        assertThat(stores.audit().entries()).hasSize(audit);
    }

    @Test
    void concurrentRevocationsOfOneCertificateRecordExactlyOne() throws Exception {
        BigInteger serial = BigInteger.valueOf(0x5150);
        issuedCertificate("ca", serial, T0.plus(Duration.ofDays(1)));
        List<RevokeOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(6, thread -> () -> {
            outcomes.add(stores.revocations().revoke(revocation("ca", serial, RevocationReason.SUPERSEDED, T0.plusSeconds(thread), T0),
                    event("RevokeCertificate", "ca", "", T0)));
            return null;
        });
        assertThat(outcomes).filteredOn(o -> o instanceof RevokeOutcome.Revoked).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof RevokeOutcome.AlreadyRevoked).hasSize(5);
    }

    // ---- delegated OCSP responders

    @Test
    void ocspResponderGenerationsAreUniquePerCaAndTheNewestIsCurrent() {
        BigInteger first = BigInteger.valueOf(0x0c5b1);
        BigInteger second = BigInteger.valueOf(0x0c5b2);
        issuedCertificate("ca", first, T0.plus(Duration.ofDays(7)));
        issuedCertificate("ca", second, T0.plus(Duration.ofDays(12)));
        assertThat(stores.ocspSigners().current("ca")).isEmpty();

        DelegatedSigner one = new DelegatedSigner("ca", 1, "key-1", first, T0.plus(Duration.ofHours(112)), T0.plus(Duration.ofDays(7)));
        assertThat(stores.ocspSigners().add(one)).isTrue();
        assertThat(stores.ocspSigners().add(new DelegatedSigner("ca", 1, "key-x", second, T0, T0))).isFalse();
        assertThat(stores.ocspSigners().current("ca")).contains(one);

        DelegatedSigner two = new DelegatedSigner("ca", 2, "key-2", second, T0.plus(Duration.ofDays(8)), T0.plus(Duration.ofDays(12)));
        assertThat(stores.ocspSigners().add(two)).isTrue();
        reopen();
        assertThat(stores.ocspSigners().current("ca")).contains(two);
        assertThat(stores.ocspSigners().current("other")).isEmpty();
    }

    @Test
    void concurrentRotationsToOneGenerationRecordExactlyOne() throws Exception {
        BigInteger serial = BigInteger.valueOf(0x0c5b3);
        issuedCertificate("ca", serial, T0.plus(Duration.ofDays(7)));
        List<Boolean> added = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(6, thread -> () -> {
            added.add(stores.ocspSigners().add(new DelegatedSigner("ca", 1, "key-" + thread, serial, T0, T0.plus(Duration.ofDays(7)))));
            return null;
        });
        assertThat(added).containsOnlyOnce(true).hasSize(6);
    }

    @Test
    void dueEntriesAreThoseWhoseCertificateHasNotExpiredBeforeTheCutoffByPartition() {
        Instant cutoff = T0.plus(Duration.ofDays(10));
        BigInteger expired = BigInteger.valueOf(64 * 3 + 5);    // partition 5, expired before the cutoff
        BigInteger atCutoff = BigInteger.valueOf(64 * 4 + 5);   // partition 5, expires exactly at the cutoff
        BigInteger later = BigInteger.valueOf(64 * 5 + 7);      // partition 7
        for (BigInteger s : List.of(expired, atCutoff, later)) {
            Instant notAfter = s.equals(expired) ? cutoff.minusNanos(1) : s.equals(atCutoff) ? cutoff : cutoff.plus(Duration.ofDays(1));
            issuedCertificate("ca", s, notAfter);
            stores.revocations().revoke(revocation("ca", s, RevocationReason.KEY_COMPROMISE, T0, notAfter), event("Revoke", "ca", "", T0));
        }

        FakeWriter whole = new FakeWriter("ca", CrlPartitions.WHOLE, T0, cutoff);
        stores.revocations().publish("ca", CrlPartitions.WHOLE, whole);
        assertThat(whole.seen).extracting(CrlEntry::serial).containsExactlyInAnyOrder(atCutoff, later);
        assertThat(whole.seen).allSatisfy(e -> {
            assertThat(e.revokedAt()).isEqualTo(T0);
            assertThat(e.reason()).isEqualTo(RevocationReason.KEY_COMPROMISE);
        });

        FakeWriter five = new FakeWriter("ca", 5, T0, cutoff);
        stores.revocations().publish("ca", 5, five);
        assertThat(five.seen).extracting(CrlEntry::serial).containsExactly(atCutoff);
        assertThat(stores.revocations().revokedSince("ca", 7, T0)).isTrue();
        assertThat(stores.revocations().revokedSince("ca", 6, T0)).isFalse();
        assertThat(stores.revocations().revokedSince("ca", CrlPartitions.WHOLE, T0.plusNanos(1))).isFalse();
    }

    @Test
    void revocationsOfEveryCaAreListedFromAnInstantOldestFirstUpToALimit() {
        Instant notAfter = T0.plus(Duration.ofDays(30));
        BigInteger early = BigInteger.valueOf(101), middle = BigInteger.valueOf(102), late = BigInteger.valueOf(103);
        issuedCertificate("ca", early, notAfter);
        issuedCertificate("other", middle, notAfter);
        issuedCertificate("ca", late, notAfter);
        // Stored out of time order, as two processes may commit them.
        stores.revocations().revoke(revocation("ca", late, RevocationReason.SUPERSEDED, T0.plusSeconds(20), notAfter), event("Revoke", "ca", "", T0));
        stores.revocations().revoke(revocation("ca", early, RevocationReason.KEY_COMPROMISE, T0.plusSeconds(5), notAfter), event("Revoke", "ca", "", T0));
        stores.revocations().revoke(revocation("other", middle, RevocationReason.AFFILIATION_CHANGED, T0.plusSeconds(10), notAfter), event("Revoke", "other", "", T0));

        assertThat(stores.revocations().revokedFrom(T0, 10)).extracting(Revocation::serial).containsExactly(early, middle, late);
        assertThat(stores.revocations().revokedFrom(T0.plusSeconds(10), 10))
                .containsExactly(revocation("other", middle, RevocationReason.AFFILIATION_CHANGED, T0.plusSeconds(10), notAfter),
                        revocation("ca", late, RevocationReason.SUPERSEDED, T0.plusSeconds(20), notAfter));
        assertThat(stores.revocations().revokedFrom(T0.plusSeconds(10).plusNanos(1), 10)).extracting(Revocation::serial).containsExactly(late);
        assertThat(stores.revocations().revokedFrom(T0, 2)).extracting(Revocation::serial).containsExactly(early, middle);
        assertThat(stores.revocations().revokedFrom(T0.plusSeconds(21), 10)).isEmpty();
    }

    @Test
    void crlNumbersGrowAcrossScopesAndReopeningAndTheLatestCrlIsKeptPerScope() {
        stores.cas().insert(Fixtures.pendingRoot("ca", T0), event("Create", "ca", "", T0));
        assertThat(stores.revocations().latest("ca", CrlPartitions.WHOLE)).isEmpty();
        PublishedCrl first = stores.revocations().publish("ca", CrlPartitions.WHOLE, new FakeWriter("ca", CrlPartitions.WHOLE, T0, T0));
        FakeWriter second = new FakeWriter("ca", CrlPartitions.WHOLE, T0.plusSeconds(1), T0);
        stores.revocations().publish("ca", CrlPartitions.WHOLE, second);
        assertThat(second.previous).isPresent();
        assertThat(second.previous.get()).isEqualTo(first.thisUpdate());
        assertThat(first.number()).isEqualTo(1);
        PublishedCrl partition = stores.revocations().publish("ca", 3, new FakeWriter("ca", 3, T0, T0));
        assertThat(partition.number()).isEqualTo(3);

        reopen();
        PublishedCrl after = stores.revocations().publish("ca", CrlPartitions.WHOLE, new FakeWriter("ca", CrlPartitions.WHOLE, T0.plusSeconds(2), T0));
        assertThat(after.number()).isEqualTo(4);
        PublishedCrl latest = stores.revocations().latest("ca", CrlPartitions.WHOLE).orElseThrow();
        assertThat(latest.number()).isEqualTo(4);
        assertThat(latest.thisUpdate()).isEqualTo(T0.plusSeconds(2));
        assertThat(latest.nextUpdate()).isEqualTo(T0.plusSeconds(2).plus(Duration.ofDays(7)));
        assertThat(latest.der()).isEqualTo("crl 4".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(stores.revocations().latest("ca", 3).orElseThrow().number()).isEqualTo(3);

        // A writer that fails consumes no number and replaces nothing.
        assertThatThrownBy(() -> stores.revocations().publish("ca", CrlPartitions.WHOLE, (n, p, e) -> {
            throw new IllegalStateException("vault down");
        })).hasMessageContaining("vault down");
        assertThat(stores.revocations().publish("ca", CrlPartitions.WHOLE, new FakeWriter("ca", CrlPartitions.WHOLE, T0, T0)).number()).isEqualTo(5);
    }

    @Test
    void publishersOnTwoDatabaseHandlesNeverShareACrlNumber() throws Exception {
        stores.cas().insert(Fixtures.pendingRoot("ca", T0), event("Create", "ca", "", T0));
        try (Database replica = openDatabase()) {
            List<Long> numbers = Collections.synchronizedList(new ArrayList<>());
            runConcurrently(4, thread -> () -> {
                Stores mine = thread % 2 == 0 ? stores : replica.stores();
                for (int i = 0; i < 5; i++) {
                    numbers.add(mine.revocations().publish("ca", CrlPartitions.WHOLE,
                            new FakeWriter("ca", CrlPartitions.WHOLE, T0, T0)).number());
                }
                return null;
            });
            assertThat(numbers).doesNotHaveDuplicates().hasSize(20);
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        }
    }

    static void assertSameRecord(CertificateRecord actual, CertificateRecord expected) {
        assertThat(actual).usingRecursiveComparison().withEqualsForType(BigInteger::equals, BigInteger.class).isEqualTo(expected);
    }

    interface Worker {
        Callable<Void> forThread(int thread);
    }

    /** Starts all threads at once (a latch) so that they really contend, and rethrows the first failure. */
    private static void runConcurrently(int threads, Worker worker) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<Void> work = worker.forThread(t);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            for (Future<Void> f : futures) f.get();
        }
    }

    // ---- API tokens

    @Test
    void apiTokensRoundTripAndRevokeOnce() {
        var first = db.apiTokens();
        var admin = new dev.stamp.core.token.ApiToken("tok-1", "first admin", dev.stamp.core.token.Role.ADMIN, List.of(), "aa".repeat(32), T0, null, null);
        var issuer = new dev.stamp.core.token.ApiToken("tok-2", "ci", dev.stamp.core.token.Role.ISSUER, List.of("ca-1", "ca-2"), "bb".repeat(32), T0.plusSeconds(1), null, null);
        first.insert(admin);
        first.insert(issuer);
        assertThatThrownBy(() -> first.insert(admin)).isInstanceOf(StampException.class)
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.CONFLICT);
        reopen();
        var tokens = db.apiTokens();
        assertThat(tokens.findByHash("bb".repeat(32))).contains(issuer);
        assertThat(tokens.find("tok-1")).contains(admin);
        assertThat(tokens.findByHash("cc".repeat(32))).isEmpty();
        assertThat(tokens.list()).containsExactly(admin, issuer);
        assertThat(tokens.revoke("tok-1", T0.plusSeconds(5))).isTrue();
        assertThat(tokens.revoke("tok-1", T0.plusSeconds(6))).isFalse();
        assertThat(tokens.revoke("nope", T0)).isFalse();
        assertThat(tokens.find("tok-1").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
    }

    // ---- AWS access keys

    @Test
    void accessKeysRoundTripWithTheirSealedSecretAndRevokeOnce() {
        var admin = new dev.stamp.core.token.AccessKey("SKIAAAAAAAAAAAAAAAA1", "sdk", dev.stamp.core.token.Role.ADMIN, List.of(),
                new byte[] {1, 2, 3, -1}, T0, null);
        var issuer = new dev.stamp.core.token.AccessKey("SKIAAAAAAAAAAAAAAAA2", "issuer", dev.stamp.core.token.Role.ISSUER,
                List.of("ca-1", "ca-2"), new byte[] {9, 8, 7}, T0.plusSeconds(1), null);
        db.accessKeys().insert(admin);
        db.accessKeys().insert(issuer);
        assertThatThrownBy(() -> db.accessKeys().insert(admin)).isInstanceOf(StampException.class)
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.CONFLICT);
        reopen();
        var keys = db.accessKeys();
        assertThat(keys.find("SKIAAAAAAAAAAAAAAAA2")).contains(issuer);
        assertThat(keys.find("SKIAAAAAAAAAAAAAAAA1").orElseThrow().sealedSecret()).containsExactly(1, 2, 3, -1);
        assertThat(keys.find("SKIAAAAAAAAAAAAAAAA3")).isEmpty();
        assertThat(keys.list()).containsExactly(admin, issuer);
        assertThat(keys.revoke("SKIAAAAAAAAAAAAAAAA1", T0.plusSeconds(5))).isTrue();
        assertThat(keys.revoke("SKIAAAAAAAAAAAAAAAA1", T0.plusSeconds(6))).isFalse();
        assertThat(keys.find("SKIAAAAAAAAAAAAAAAA1").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
    }

    // ---- CA resources (tags, policy, permissions, creation tokens, audit reports)

    @Test
    void caTagsAreUpsertedByKeyLimitedAndRemovedByKeyOrKeyAndValue() {
        var rs = db.caResources();
        var event = new dev.stamp.core.audit.AuditEvent(T0, "test", "ca.tag", "ca-1", "ca-1", "");
        assertThat(rs.addTags("ca-1", List.of(new dev.stamp.core.ca.CaTag("team", "pki"), new dev.stamp.core.ca.CaTag("env", "prod")), 3, event)).isTrue();
        assertThat(rs.addTags("ca-1", List.of(new dev.stamp.core.ca.CaTag("team", "platform")), 3, event)).isTrue();
        assertThat(rs.addTags("ca-1", List.of(new dev.stamp.core.ca.CaTag("a", null), new dev.stamp.core.ca.CaTag("b", "x")), 3, event)).isFalse();
        reopen();
        rs = db.caResources();
        assertThat(rs.tags("ca-1")).containsExactly(new dev.stamp.core.ca.CaTag("env", "prod"), new dev.stamp.core.ca.CaTag("team", "platform"));
        rs.removeTags("ca-1", List.of(new dev.stamp.core.ca.CaTag("env", "staging"), new dev.stamp.core.ca.CaTag("team", null)), event);
        assertThat(rs.tags("ca-1")).containsExactly(new dev.stamp.core.ca.CaTag("env", "prod"));
        assertThat(rs.tags("ca-2")).isEmpty();
        assertThat(stores.audit().entries()).extracting(e -> e.event().action()).containsExactly("ca.tag", "ca.tag", "ca.tag");
    }

    @Test
    void caPoliciesPermissionsAndCreationTokensRoundTrip() {
        var rs = db.caResources();
        var event = new dev.stamp.core.audit.AuditEvent(T0, "test", "x", "ca-1", "ca-1", "");
        assertThat(rs.setPolicy("ca-1", null, event)).isFalse();
        assertThat(rs.setPolicy("ca-1", "{\"Version\":\"2012-10-17\"}", event)).isTrue();
        var permission = new dev.stamp.core.ca.CaPermission("acm.amazonaws.com", null, List.of("IssueCertificate", "GetCertificate"), T0);
        assertThat(rs.addPermission("ca-1", permission, event)).isTrue();
        assertThat(rs.addPermission("ca-1", permission, event)).isFalse();
        assertThat(rs.addPermission("ca-1", new dev.stamp.core.ca.CaPermission("acm.amazonaws.com", "111122223333", List.of("ListPermissions"), T0), event)).isTrue();
        assertThat(rs.claimCreation("tok-1", T0, T0.minusSeconds(300))).isEqualTo(new CreationClaim.Claimed());
        rs.rememberCreation("tok-1", "ca-1", T0);
        reopen();
        rs = db.caResources();
        assertThat(rs.policy("ca-1")).contains("{\"Version\":\"2012-10-17\"}");
        assertThat(rs.permissions("ca-1")).hasSize(2).first().isEqualTo(permission);
        assertThat(rs.removePermission("ca-1", "acm.amazonaws.com", null, event)).isTrue();
        assertThat(rs.removePermission("ca-1", "acm.amazonaws.com", null, event)).isFalse();
        assertThat(rs.permissions("ca-1")).extracting(dev.stamp.core.ca.CaPermission::sourceAccount).containsExactly("111122223333");
        assertThat(rs.claimCreation("tok-1", T0.plusSeconds(60), T0.minusSeconds(1))).isEqualTo(new CreationClaim.Created("ca-1"));
        assertThat(rs.claimCreation("tok-2", T0, T0)).isEqualTo(new CreationClaim.Claimed());
    }

    @Test
    void aCreationTokenIsClaimedOnceUntilItsCaIsRecordedOrItIsReleasedOrTheWindowPasses() {
        var rs = db.caResources();
        Instant window = T0.minusSeconds(300);
        assertThat(rs.claimCreation("tok", T0, window)).isEqualTo(new CreationClaim.Claimed());
        assertThat(rs.claimCreation("tok", T0.plusSeconds(1), window)).isEqualTo(new CreationClaim.InProgress());
        rs.releaseCreation("tok"); // the creation failed
        assertThat(rs.claimCreation("tok", T0.plusSeconds(2), window)).isEqualTo(new CreationClaim.Claimed());
        rs.rememberCreation("tok", "ca-1", T0.plusSeconds(3));
        rs.releaseCreation("tok"); // a recorded CA stays
        assertThat(rs.claimCreation("tok", T0.plusSeconds(4), window)).isEqualTo(new CreationClaim.Created("ca-1"));
        // Past the window the token is free again: a new claim takes the row over.
        Instant later = T0.plusSeconds(3 + 301);
        assertThat(rs.claimCreation("tok", later, later.minusSeconds(300))).isEqualTo(new CreationClaim.Claimed());
        assertThat(rs.claimCreation("tok", later, later.minusSeconds(300))).isEqualTo(new CreationClaim.InProgress());
        // A claim whose creator died is taken over once it is out of the window too.
        Instant muchLater = later.plusSeconds(301);
        assertThat(rs.claimCreation("tok", muchLater, muchLater.minusSeconds(300))).isEqualTo(new CreationClaim.Claimed());
    }

    @Test
    void ofConcurrentClaimsOfOneCreationTokenExactlyOneWins() throws Exception {
        var rs = db.caResources();
        List<Future<CreationClaim>> claims = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(8)) {
            var start = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return rs.claimCreation("raced", T0, T0.minusSeconds(300));
                }));
            }
            start.countDown();
            List<CreationClaim> outcomes = new ArrayList<>();
            for (var claim : claims) outcomes.add(claim.get());
            assertThat(outcomes).filteredOn(c -> c instanceof CreationClaim.Claimed).hasSize(1);
            assertThat(outcomes).filteredOn(c -> c instanceof CreationClaim.InProgress).hasSize(7);
        }
    }

    @Test
    void auditReportsAreKeptWithTheirContentAndTheNewestIsFound() {
        var rs = db.caResources();
        var event = new dev.stamp.core.audit.AuditEvent(T0, "test", "ca.audit-report", "ca-1", "ca-1", "");
        var first = new dev.stamp.core.ca.AuditReport("ca-1", "r-1", dev.stamp.core.ca.AuditReport.Format.JSON, "bucket", "audit-report/ca-1/r-1.json", T0, "[]".getBytes());
        var second = new dev.stamp.core.ca.AuditReport("ca-1", "r-2", dev.stamp.core.ca.AuditReport.Format.CSV, "bucket", "audit-report/ca-1/r-2.csv", T0.plusSeconds(60), "a,b\n".getBytes());
        rs.saveReport(first, event);
        rs.saveReport(second, event);
        reopen();
        rs = db.caResources();
        assertThat(rs.report("ca-1", "r-1").orElseThrow().content()).isEqualTo("[]".getBytes());
        assertThat(rs.latestReport("ca-1").orElseThrow().id()).isEqualTo("r-2");
        assertThat(rs.report("ca-2", "r-1")).isEmpty();
        assertThat(rs.latestReport("ca-2")).isEmpty();
    }
}
