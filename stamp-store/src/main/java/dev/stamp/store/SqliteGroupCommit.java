package dev.stamp.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SQLite writes of this process, committed in groups: one transaction, hence one fsync, for every write that queued
 * while the previous group was committing. With {@code synchronous=FULL} a commit costs one flush of the WAL
 * (~1 ms here), so one commit per write caps a server at the disk's flush rate however many requests wait; a group
 * shares that flush.
 *
 * <p>No writer thread: the caller that gets the lock commits everything queued so far, its own write included, and
 * completes the others, which wake and return without taking the lock. Every
 * caller returns only after the commit that contains its write (durable when the group holds a durable write).
 * Each write runs in its own savepoint, so a write that fails is undone alone and fails only its own caller; if
 * SQLite cannot roll back to the savepoint (it has abandoned the transaction), the group is rolled back and each
 * write is retried in a transaction of its own. Writes run in the order they queued and see each other's effects,
 * as if they had committed one after the other.
 */
final class SqliteGroupCommit {
    /** Bounds the time one group holds SQLite's lock and the work lost to one failed commit. */
    static final int MAX_GROUP = 64;

    private final HikariDataSource pool;
    private final SqliteStatements statements;
    private final ConcurrentLinkedQueue<Write<?>> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committer = new ReentrantLock();
    private final AtomicLong groups = new AtomicLong();

    SqliteGroupCommit(HikariDataSource pool, SqliteStatements statements) {
        this.pool = pool;
        this.statements = statements;
    }

    /** How one write ended: its result, or what it threw (rethrown to its own caller only). */
    sealed interface Outcome<T> {
        record Done<T>(T value) implements Outcome<T> {}
        record Failed<T>(Throwable error) implements Outcome<T> {}
    }

    /** One queued write; its outcome is set by whichever caller commits its group, before that caller unlocks. */
    static final class Write<T> {
        final SqlWork<T> work;
        final boolean durable;
        volatile Outcome<T> outcome;
        /** Released when the outcome is set, or when the committer lets go while this write is first in the queue. */
        final Semaphore wake = new Semaphore(0);

        Write(SqlWork<T> work, boolean durable) {
            this.work = work;
            this.durable = durable;
        }
    }

    /**
     * Runs {@code work} in the next group and returns once that group committed (or the work failed). A caller that
     * finds the lock taken sleeps until its write is done, or until it is first in the queue when the committer lets
     * go; so the writes committed in a group return without taking the lock one after the other.
     */
    <T> Outcome<T> submit(SqlWork<T> work, boolean durable) {
        Write<T> mine = new Write<>(work, durable);
        queue.add(mine);
        while (mine.outcome == null) {
            if (committer.tryLock()) {
                try {
                    // The queue is FIFO and ours is in it: each pass commits it or writes queued before it.
                    while (mine.outcome == null) commitGroup(drain());
                } finally {
                    committer.unlock();
                    wakeFirst();
                }
            } else {
                mine.wake.acquireUninterruptibly(); // a write being committed cannot be abandoned
            }
        }
        return mine.outcome;
    }

    /**
     * After the lock is let go, the first queued write's caller tries to take it. Writes queued while the lock was
     * held are seen here (their caller's failed tryLock came before this unlock), so none is left waiting.
     */
    private void wakeFirst() {
        Write<?> first = queue.peek();
        if (first != null) first.wake.release();
    }

    /** Groups committed so far (one fsync each when durable): with {@link #submit} counts, the batching achieved. */
    long groupsCommitted() {
        return groups.get();
    }

    /** Writes waiting for a group; for tests that need several writes queued behind one in progress. */
    int queued() {
        return queue.size();
    }

    private List<Write<?>> drain() {
        List<Write<?>> group = new ArrayList<>();
        Write<?> w;
        while (group.size() < MAX_GROUP && (w = queue.poll()) != null) group.add(w);
        return group;
    }

    private void commitGroup(List<Write<?>> group) {
        if (group.isEmpty()) return;
        try {
            boolean durable = group.stream().anyMatch(w -> w.durable);
            if (!onConnection(durable, c -> commitTogether(c, group))) {
                // The connection that lost the transaction may have been evicted: each write takes its own.
                for (Write<?> w : group) onConnection(w.durable, c -> commitAlone(c, w));
            }
        } catch (SQLException e) {
            failUnfinished(group, e);
        } catch (RuntimeException | Error e) {
            failUnfinished(group, e);
            throw e;
        } finally {
            groups.incrementAndGet();
        }
    }

    /**
     * Runs {@code work} on a pooled connection, committing with synchronous=FULL when {@code durable}, else NORMAL:
     * then nobody waits for the disk, and the next durable commit flushes this one too (the WAL is written in order).
     */
    private boolean onConnection(boolean durable, SqlWork<Boolean> work) throws SQLException {
        try (Connection pooled = pool.getConnection()) {
            Connection c = statements.caching(pooled);
            if (durable) return work.run(c);
            execute(c, "PRAGMA synchronous = NORMAL");
            try {
                return work.run(c);
            } finally {
                restoreFullSync(c);
            }
        }
    }

    /**
     * One transaction, one savepoint per write. False when the transaction was lost to a failed write (SQLite rolls
     * the whole transaction back on some errors, such as a full disk); nothing is committed then.
     */
    private boolean commitTogether(Connection c, List<Write<?>> group) throws SQLException {
        execute(c, "BEGIN IMMEDIATE");
        List<Outcome<?>> outcomes = new ArrayList<>(group.size());
        try {
            for (Write<?> w : group) {
                execute(c, "SAVEPOINT write");
                try {
                    Object value = w.work.run(c);
                    execute(c, "RELEASE write");
                    outcomes.add(new Outcome.Done<>(value));
                } catch (SQLException | RuntimeException | Error e) {
                    try {
                        execute(c, "ROLLBACK TO write");
                        execute(c, "RELEASE write");
                    } catch (SQLException lost) {
                        rollback(c, e);
                        return false;
                    }
                    outcomes.add(new Outcome.Failed<>(e));
                }
            }
            execute(c, "COMMIT");
        } catch (SQLException e) {
            rollback(c, e);
            throw e;
        }
        for (int i = 0; i < group.size(); i++) complete(group.get(i), outcomes.get(i));
        return true;
    }

    /** The slow path after a lost transaction: each write alone, so the one that broke it fails by itself. */
    private boolean commitAlone(Connection c, Write<?> w) throws SQLException {
        execute(c, "BEGIN IMMEDIATE");
        Object value;
        try {
            value = w.work.run(c);
        } catch (SQLException | RuntimeException | Error e) {
            rollback(c, e);
            complete(w, new Outcome.Failed<>(e));
            return false;
        }
        try {
            execute(c, "COMMIT");
        } catch (SQLException e) {
            rollback(c, e);
            complete(w, new Outcome.Failed<>(e));
            return false;
        }
        complete(w, new Outcome.Done<>(value));
        return true;
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Write<T> w, Outcome<?> outcome) {
        w.outcome = (Outcome<T>) outcome;
        w.wake.release();
    }

    private static void failUnfinished(List<Write<?>> group, Throwable e) {
        for (Write<?> w : group) if (w.outcome == null) complete(w, new Outcome.Failed<>(e));
    }

    private void rollback(Connection c, Throwable cause) {
        try {
            execute(c, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
            // A connection that may still be inside a transaction must not go back to the pool.
            pool.evictConnection(SqliteStatements.pooled(c));
        }
    }

    /** Every pooled connection must commit durably by default; one that cannot be set back is thrown away. */
    private void restoreFullSync(Connection c) {
        try {
            execute(c, "PRAGMA synchronous = FULL");
        } catch (SQLException e) {
            pool.evictConnection(SqliteStatements.pooled(c));
        }
    }

    /** Prepared rather than a plain statement, so that the connection's cache keeps it compiled ({@link SqliteStatements}). */
    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        }
    }
}
