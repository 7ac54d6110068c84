package dev.stamp.store;

import dev.stamp.core.ca.CaResourceStore;
import dev.stamp.core.token.AccessKeyStore;
import dev.stamp.core.token.ApiTokenStore;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.stamp.core.store.Stores;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The store's one entry point: opens SQLite (the embedded default) or PostgreSQL, brings the schema up to date,
 * and hands out the storage ports as {@link Stores}.
 *
 * <p>Every write has committed (and, on SQLite, reached the disk) before its method returns. Several processes may
 * share one database: on PostgreSQL uniqueness rests on constraints and the audit chain on a row lock; on SQLite on
 * the database's single writer. Thread-safe; close it once, after the last use of its stores.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Stores stores;
    private final ApiTokenStore apiTokens;
    private final AccessKeyStore accessKeys;
    private final CaResourceStore caResources;
    private final String description;

    private Database(HikariDataSource pool, Dialect dialect, String description) {
        this.pool = pool;
        this.description = description;
        Transactions tx = new Transactions(pool, dialect);
        AuditLog audit = new AuditLog(dialect);
        this.caResources = new JdbcCaResourceStore(tx, audit);
        this.stores = new Stores(new JdbcCaStore(tx, audit), new JdbcCertificateStore(tx, audit),
                new JdbcAuditStore(tx, audit), new JdbcWrappedKeyStore(tx, audit),
                new JdbcRevocationStore(tx, audit), new JdbcOcspSignerStore(tx), caResources);
        this.apiTokens = new JdbcApiTokenStore(tx);
        this.accessKeys = new JdbcAccessKeyStore(tx);
    }

    /**
     * Opens {@code <dataDir>/stamp.db}, creating the directory and the database as needed.
     *
     * @throws dev.stamp.core.StampException INVALID_ARGUMENT naming the directory when it cannot be created or written
     */
    public static Database sqlite(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path file = DataDirectory.prepare(dataDir);
        return start(Dialect.SQLITE, "jdbc:sqlite:" + file, null, null, "SQLite " + file);
    }

    /** Opens a database by JDBC URL ({@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}), credentials in the URL. */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /**
     * Opens a database by JDBC URL with separate credentials (null for none, or to use those in the URL).
     *
     * @throws dev.stamp.core.StampException INVALID_ARGUMENT for a URL of another database
     * @throws IllegalStateException when the database cannot be reached or its schema cannot be migrated
     */
    public static Database open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.of(jdbcUrl);
        return start(dialect, jdbcUrl, user, password, dialect.displayName() + " " + JdbcUrls.redact(jdbcUrl));
    }

    private static Database start(Dialect dialect, String url, String user, String password, String description) {
        HikariDataSource pool;
        try {
            pool = dialect == Dialect.SQLITE ? Pools.sqlite(url) : Pools.postgres(url, user, password);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot open " + description + ": " + cause.getMessage(), e);
        }
        try {
            Migrations.migrate(pool, dialect);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, description);
    }

    /** The storage ports, backed by this database until it is closed. */
    public Stores stores() {
        return stores;
    }

    /** The server's API tokens (hashes only), backed by this database until it is closed. */
    public ApiTokenStore apiTokens() {
        return apiTokens;
    }

    /** The AWS-compatible API's access keys (secrets sealed by the vault), backed by this database until it is closed. */
    public AccessKeyStore accessKeys() {
        return accessKeys;
    }

    /** Tags, policies, permissions, creation tokens and audit reports of the CAs. */
    public CaResourceStore caResources() {
        return caResources;
    }

    /** Which database this is, without credentials: "SQLite /var/lib/stamp/stamp.db", "PostgreSQL jdbc:postgresql://db/stamp". */
    public String describe() {
        return description;
    }

    /** Closes the connection pool; the stores fail from then on. */
    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return describe();
    }
}
