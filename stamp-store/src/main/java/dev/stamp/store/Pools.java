package dev.stamp.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Connection pools as each database wants them. */
final class Pools {
    /** SQLite has one writer at a time anyway; a few connections let reads run beside it (WAL). */
    private static final int SQLITE_CONNECTIONS = 4;
    private static final int POSTGRES_CONNECTIONS = 8;
    private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    private Pools() {}

    static HikariDataSource sqlite(String jdbcUrl) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on disk before the caller hears of it (NORMAL would lose the last commits on power loss).
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // Waits for another process's writer instead of failing with SQLITE_BUSY.
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl(jdbcUrl);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("stamp-sqlite");
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(SQLITE_CONNECTIONS);
        // The first connection switches the file to WAL; starting with one keeps others from racing it.
        pool.setMinimumIdle(1);
        return new HikariDataSource(pool);
    }

    static HikariDataSource postgres(String jdbcUrl, String user, String password) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("stamp-postgresql");
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(jdbcUrl);
        if (user != null) pool.setUsername(user);
        if (password != null) pool.setPassword(password);
        pool.setMaximumPoolSize(POSTGRES_CONNECTIONS);
        pool.setMinimumIdle(1);
        return new HikariDataSource(pool);
    }
}
