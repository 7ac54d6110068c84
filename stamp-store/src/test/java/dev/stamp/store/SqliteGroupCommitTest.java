package dev.stamp.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.store.CertificateRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stamp.store.Fixtures.T0;
import static dev.stamp.store.Fixtures.event;
import static dev.stamp.store.Fixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes that queue while another group commits are committed together, and each caller still sees only its own
 * outcome. The test holds one write open inside its transaction until the others have queued behind it, so the
 * grouping does not depend on timing.
 */
@Timeout(60) // a guard against a hang, not a measurement
class SqliteGroupCommitTest {
    private static final int CLIENTS = 16;

    @TempDir
    Path tmp;

    private HikariDataSource pool;
    private Transactions tx;
    private JdbcCertificateStore certificates;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void open() {
        pool = Pools.sqlite("jdbc:sqlite:" + tmp.resolve("stamp.db"));
        Migrations.migrate(pool, Dialect.SQLITE);
        tx = new Transactions(pool, Dialect.SQLITE);
        AuditLog audit = new AuditLog(Dialect.SQLITE);
        certificates = new JdbcCertificateStore(tx, audit);
        new JdbcCaStore(tx, audit).insert(Fixtures.pendingRoot("ca", T0), event("CreateCertificateAuthority", "ca", "ca", T0));
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        pool.close();
    }

    @Test
    void concurrentIssuedRecordsCommitInOneGroupAndAnUnreservedSerialFailsOnlyItsOwnCaller() throws Exception {
        List<CertificateRecord> reserved = new ArrayList<>();
        for (int i = 1; i <= CLIENTS; i++) {
            CertificateRecord r = pending("ca", BigInteger.valueOf(i), null, T0);
            certificates.reserve(r, T0);
            reserved.add(r);
        }
        CertificateRecord neverReserved = pending("ca", BigInteger.valueOf(999), null, T0);
        long auditBefore = count("SELECT COUNT(*) FROM audit_log");

        Gate gate = holdTheWriter();
        List<Future<?>> issued = new ArrayList<>();
        for (CertificateRecord r : reserved) {
            issued.add(threads.submit(() -> certificates.recordIssued(r.issued(Fixtures.signed(r.serial())),
                    event("IssueCertificate", "ca", r.serialHex(), T0))));
        }
        Future<?> bad = threads.submit(() -> certificates.recordIssued(neverReserved.issued(new byte[] {1}),
                event("IssueCertificate", "ca", neverReserved.serialHex(), T0)));
        long groups = gate.releaseWhenQueued(CLIENTS + 1);

        for (Future<?> f : issued) f.get();
        assertThatThrownBy(bad::get).cause()
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining(neverReserved.serialHex());
        // The held write's group, then one group for all seventeen.
        assertThat(tx.sqliteWriter().groupsCommitted()).isEqualTo(groups + 2);
        // Committed, as seen by a connection that did not take part.
        assertThat(count("SELECT COUNT(*) FROM certificates WHERE state = 'ISSUED'")).isEqualTo(CLIENTS);
        assertThat(count("SELECT COUNT(*) FROM audit_log")).isEqualTo(auditBefore + CLIENTS);
        assertThat(count("SELECT COUNT(*) FROM certificates WHERE serial = '" + Serials.encode(neverReserved.serial()) + "'")).isZero();
    }

    @Test
    void aWriteThatFailsHalfWayHasAllItsStatementsUndoneAndTheOthersInItsGroupCommit() throws Exception {
        execute("CREATE TABLE t (x INTEGER)");
        Gate gate = holdTheWriter();
        Future<?> before = threads.submit(() -> tx.write("insert 1", c -> update(c, "INSERT INTO t VALUES (1)")));
        awaitQueued(1);
        Future<?> failing = threads.submit(() -> tx.write("insert 2 and fail", c -> {
            update(c, "INSERT INTO t VALUES (2)");
            return update(c, "INSERT INTO no_such_table VALUES (3)");
        }));
        awaitQueued(2);
        Future<?> after = threads.submit(() -> tx.write("insert 4", c -> update(c, "INSERT INTO t VALUES (4)")));
        long groups = gate.releaseWhenQueued(3);

        before.get();
        after.get();
        assertThatThrownBy(failing::get).cause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed to insert 2 and fail").hasMessageContaining("no_such_table");
        assertThat(tx.sqliteWriter().groupsCommitted()).isEqualTo(groups + 2);
        assertThat(count("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)")).isEqualTo(14); // "1,4"
    }

    @Test
    void aWriteThatEndsTheTransactionFailsAloneAndTheRestOfItsGroupIsCommittedOneByOne() throws Exception {
        execute("CREATE TABLE t (x INTEGER)");
        Gate gate = holdTheWriter();
        Future<?> before = threads.submit(() -> tx.write("insert 1", c -> update(c, "INSERT INTO t VALUES (1)")));
        awaitQueued(1);
        // What SQLite does on some errors (a full disk): the whole transaction is gone, savepoints with it.
        Future<?> breaking = threads.submit(() -> tx.write("break the transaction", c -> {
            update(c, "INSERT INTO t VALUES (2)");
            update(c, "ROLLBACK");
            throw new SQLException("disk full (simulated)");
        }));
        awaitQueued(2);
        Future<?> after = threads.submit(() -> tx.write("insert 4", c -> update(c, "INSERT INTO t VALUES (4)")));
        gate.releaseWhenQueued(3);

        before.get();
        after.get();
        assertThatThrownBy(breaking::get).cause().hasMessageContaining("disk full (simulated)");
        assertThat(count("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)")).isEqualTo(14);
    }

    @Test
    void deferredAndDurableWritesShareAGroupAndBothCommit() throws Exception {
        execute("CREATE TABLE t (x INTEGER)");
        Gate gate = holdTheWriter();
        Future<?> deferred = threads.submit(() -> tx.writeDeferred("insert 5", c -> update(c, "INSERT INTO t VALUES (5)")));
        awaitQueued(1);
        Future<?> durable = threads.submit(() -> tx.write("insert 6", c -> update(c, "INSERT INTO t VALUES (6)")));
        long groups = gate.releaseWhenQueued(2);

        deferred.get();
        durable.get();
        assertThat(tx.sqliteWriter().groupsCommitted()).isEqualTo(groups + 2);
        assertThat(count("SELECT SUM(x) FROM t")).isEqualTo(11);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2); // FULL again on the pooled connection
        }
    }

    /** A write that has begun its group's transaction and stays inside it until released. */
    private final class Gate {
        private final CountDownLatch release = new CountDownLatch(1);
        private final Future<?> holder;

        Gate() throws InterruptedException {
            CountDownLatch entered = new CountDownLatch(1);
            holder = threads.submit(() -> tx.write("hold the writer", c -> {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new SQLException("interrupted while held", e);
                }
                return null;
            }));
            entered.await();
        }

        /** Releases the held write once {@code n} writes queue behind it; returns the groups committed before. */
        long releaseWhenQueued(int n) throws Exception {
            awaitQueued(n);
            long groups = tx.sqliteWriter().groupsCommitted();
            release.countDown();
            holder.get();
            return groups;
        }
    }

    private Gate holdTheWriter() throws InterruptedException {
        return new Gate();
    }

    private void awaitQueued(int n) throws InterruptedException {
        while (tx.sqliteWriter().queued() < n) Thread.sleep(1);
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(sql);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("stamp.db")); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** One number from a connection of its own, outside the pool. "1,4" reads as 14 (digits joined). */
    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("stamp.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return Long.parseLong(rs.getString(1).replace(",", ""));
        }
    }
}
