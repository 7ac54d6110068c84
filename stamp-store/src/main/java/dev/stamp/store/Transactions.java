package dev.stamp.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work on pooled connections: reads in auto-commit, writes in one transaction that commits before the call
 * returns. Thread-safe.
 *
 * <p>On SQLite only one writer can hold the database, and a transaction that reads before it writes can fail with
 * SQLITE_BUSY when it tries to upgrade. So writes from this process queue in-process (no busy polling between our
 * own threads) and are committed in groups, one transaction and one fsync per group ({@link SqliteGroupCommit});
 * each group starts with {@code BEGIN IMMEDIATE}, which takes the write lock up front and waits under busy_timeout
 * for another process. The transaction is begun and ended with explicit
 * statements rather than {@code setAutoCommit(false)}, because the SQLite driver starts the next transaction
 * straight after a commit and would hold the write lock while the connection sits in the pool.
 */
final class Transactions {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final SqliteGroupCommit sqliteWriter;
    private final SqliteStatements sqliteStatements = new SqliteStatements();

    Transactions(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
        this.sqliteWriter = new SqliteGroupCommit(pool, sqliteStatements);
    }

    Dialect dialect() { return dialect; }

    <T> T read(String what, SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(dialect == Dialect.SQLITE ? sqliteStatements.caching(c) : c);
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
        return switch (sqliteWriter.submit(work, durable)) {
            case SqliteGroupCommit.Outcome.Done<T> done -> done.value();
            case SqliteGroupCommit.Outcome.Failed<T> failed -> throw rethrow(what, failed.error());
        };
    }

    /** A write's own failure, as its caller would have seen it had it committed alone. */
    private RuntimeException rethrow(String what, Throwable error) {
        if (error instanceof SQLException e) return failure(what, e);
        if (error instanceof RuntimeException e) return e;
        if (error instanceof Error e) throw e;
        return new IllegalStateException("failed to " + what, error);
    }

    /** Groups of SQLite writes committed so far; see {@link SqliteGroupCommit}. */
    SqliteGroupCommit sqliteWriter() {
        return sqliteWriter;
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
