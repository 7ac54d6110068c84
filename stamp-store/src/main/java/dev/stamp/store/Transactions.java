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

    <T> T write(String what, SqlWork<T> work) {
        if (dialect != Dialect.SQLITE) return writePostgres(what, work);
        sqliteWriter.lock();
        try {
            return writeSqlite(what, work);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private <T> T writeSqlite(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
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
        } catch (SQLException e) {
            throw failure(what, e);
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

    private <T> T writePostgres(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
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
