package dev.stamp.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The store contract on SQLite, in a fresh data directory per test. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dataDir;

    @Override
    Database openDatabase() {
        return Database.sqlite(dataDir);
    }
}
