package dev.stamp.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;

/** Brings the schema up to date at open; migrations already applied are skipped, so reopening is harmless. */
final class Migrations {
    /** A location of our own, so that no other library's db/migration scripts are picked up from the classpath. */
    private static final String LOCATION = "classpath:dev/stamp/store/migration";
    private static final String HISTORY_TABLE = "stamp_schema_history";

    private Migrations() {}

    static void migrate(DataSource dataSource, Dialect dialect) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .failOnMissingLocations(true)
                    .table(HISTORY_TABLE)
                    // Features land from parallel branches (V2 revocation, V3 API tokens): a database that already has a
                    // later version must still take an earlier one that arrives with a merge. Each script is independent.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("could not bring the " + dialect.displayName()
                    + " schema up to date: " + e.getMessage(), e);
        }
    }
}
