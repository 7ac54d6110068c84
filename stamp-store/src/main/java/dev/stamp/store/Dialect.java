package dev.stamp.store;

import dev.stamp.core.StampException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/**
 * The two databases Stamp stores in. The schema and nearly all statements are the same on both; what differs
 * is how a write transaction serialises and how the audit head is locked.
 */
enum Dialect {
    /** One writer at a time by the database's own lock: {@code BEGIN IMMEDIATE} takes it up front. */
    SQLITE("SQLite", ""),
    /** Row locks: the audit head is locked explicitly so that replicas on one database keep one chain. */
    POSTGRESQL("PostgreSQL", " FOR UPDATE");

    private final String displayName;
    private final String lockHeadClause;

    Dialect(String displayName, String lockHeadClause) {
        this.displayName = displayName;
        this.lockHeadClause = lockHeadClause;
    }

    String displayName() { return displayName; }

    /** Appended to the query that reads the audit head inside a write transaction. */
    String lockHeadClause() { return lockHeadClause; }

    /** Whether a statement failed because a referenced row (such as the CA of a certificate) does not exist. */
    boolean isForeignKeyViolation(SQLException e) {
        return switch (this) {
            case SQLITE -> e instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
            case POSTGRESQL -> "23503".equals(e.getSQLState());
        };
    }

    /** Whether a statement failed on a primary key or unique constraint. */
    boolean isUniqueViolation(SQLException e) {
        return switch (this) {
            case SQLITE -> e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
            case POSTGRESQL -> "23505".equals(e.getSQLState());
        };
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw StampException.invalidArgument("unsupported database URL '" + JdbcUrls.redact(jdbcUrl)
                + "': use jdbc:sqlite:<file> or jdbc:postgresql://<host>[:<port>]/<database>");
    }
}
