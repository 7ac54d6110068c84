package dev.stamp.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs work on pooled connections: reads in auto-commit, writes in one transaction that commits before the call
 * returns. Thread-safe.
 *
 * <p>On SQLite only one writer can hold the database, and a transaction that reads before it writes can fail with
 * SQLITE_BUSY when it tries to upgrade. So writes from this process queue on a fair in-process lock (no busy
 * polling between our own threads), and each one starts with {@code BEGIN IMMEDIATE}, which takes the write lock
 * up front and waits under busy_timeout for another process. The transaction is begun and ended with explicit
 * statements rather than {@code setAutoCommit(false)}, because the SQLite driver starts the next transaction
 * straight after a commit and would hold the write lock while the connection sits in the pool.
 */
final class Transactions {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final ReentrantLock sqliteWriter = new ReentrantLock(true);

    Transactions(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    Dialect dialect() { return dialect; }

    <T> T read(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** A write that is durable (on disk) before this returns. */
    <T> T write(String what, SqlWork<T> work) {
        return write(what, work, true);
    }

    /**
     * A write whose commit does not wait for the disk. It becomes durable with the next durable write on the same
     * database: both SQLite's WAL and PostgreSQL's WAL are appended in commit order, so flushing a later commit
     * flushes this one too. For records nobody has been told about yet (an issuance's intent), whose caller always
     * makes a durable write before it answers. A crash of the process loses nothing; a power loss can lose it only
     * together with everything that followed it.
     */
    <T> T writeDeferred(String what, SqlWork<T> work) {
        return write(what, work, false);
    }

    private <T> T write(String what, SqlWork<T> work, boolean durable) {
        if (dialect != Dialect.SQLITE) return writePostgres(what, work, durable);
        sqliteWriter.lock();
        try {
            return writeSqlite(what, work, durable);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private <T> T writeSqlite(String what, SqlWork<T> work, boolean durable) {
        try (Connection c = pool.getConnection()) {
            if (durable) return inSqliteTransaction(c, work);
            execute(c, "PRAGMA synchronous = NORMAL");
            try {
                return inSqliteTransaction(c, work);
            } finally {
                restoreFullSync(c);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private <T> T inSqliteTransaction(Connection c, SqlWork<T> work) throws SQLException {
        execute(c, "BEGIN IMMEDIATE");
        T result;
        try {
            result = work.run(c);
        } catch (SQLException | RuntimeException | Error e) {
            rollbackSqlite(c, e);
            throw e;
        }
        execute(c, "COMMIT");
        return result;
    }

    /** Every pooled connection must commit durably by default; one that cannot be set back is thrown away. */
    private void restoreFullSync(Connection c) {
        try {
            execute(c, "PRAGMA synchronous = FULL");
        } catch (SQLException e) {
            pool.evictConnection(c);
        }
    }

    private void rollbackSqlite(Connection c, Throwable cause) {
        try {
            execute(c, "ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
            // A connection that may still be inside a transaction must not go back to the pool.
            pool.evictConnection(c);
        }
    }

    private <T> T writePostgres(String what, SqlWork<T> work, boolean durable) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                if (!durable) execute(c, "SET LOCAL synchronous_commit TO OFF");
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            return result;
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A database failure is an outage, not a caller's mistake: it surfaces unchecked, naming the operation. */
    private RuntimeException failure(String what, SQLException e) {
        return new IllegalStateException(dialect.displayName() + " failed to " + what + ": " + e.getMessage(), e);
    }
}
