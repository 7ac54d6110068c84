package dev.stamp.core.issue;

import dev.stamp.core.testing.TestPki;
import dev.stamp.store.Database;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;

/** Every refusal of {@link IssuancePolicyTest}, over a real SQLite database: the error code, and nothing stored. */
class SqlitePolicyIT {
    @TempDir Path tmp;

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> refusals() {
        return IssuancePolicyTest.refusals();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesAndStoresNothingInSqlite(IssuancePolicyTest.Case c) {
        try (Database db = Database.sqlite(tmp)) {
            IssuancePolicyTest.refusesAndStoresNothing(c, new TestPki(db.stores()));
        }
    }
}
