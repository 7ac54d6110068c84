package dev.stamp.store;

import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

/** The store contract on a real PostgreSQL, in a fresh schema per test. */
@ExtendWith(PostgresServer.class)
class PostgresStoreTest extends StoreContract {
    private final PostgresServer.Running server;
    private final String schema = "stamp_test_" + UUID.randomUUID().toString().replace("-", "");

    PostgresStoreTest(PostgresServer.Running server) {
        this.server = server;
    }

    @Override
    Database openDatabase() {
        server.createSchema(schema);
        return Database.open(server.url(schema));
    }

    @Override
    void afterClose() {
        server.dropSchema(schema);
    }
}
