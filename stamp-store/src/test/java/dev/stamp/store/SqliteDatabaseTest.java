package dev.stamp.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the embedded database has: a data directory, a file, and the pragmas that make it durable. */
class SqliteDatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void missingDataDirectoryIsCreatedWithStampDbInWalMode() throws Exception {
        Path dataDir = tmp.resolve("a/b/data");
        try (Database db = Database.sqlite(dataDir)) {
            assertThat(db.describe()).isEqualTo("SQLite " + dataDir.resolve("stamp.db"));
            assertThat(db.stores().cas().list()).isEmpty();
        }
        assertThat(dataDir.resolve("stamp.db")).isRegularFile();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("stamp.db"))) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void everyPooledConnectionIsDurableWaitsForOtherWritersAndEnforcesForeignKeys() throws Exception {
        try (HikariDataSource pool = Pools.sqlite("jdbc:sqlite:" + tmp.resolve("pragmas.db"))) {
            for (int i = 0; i < 3; i++) {
                try (Connection c = pool.getConnection()) {
                    assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
                    assertThat(pragma(c, "busy_timeout")).isEqualTo("10000");
                    assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
                    assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                }
            }
        }
    }

    @Test
    void dataDirectoryUnderARegularFileIsRefusedNamingThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-directory"), "x");
        Path dataDir = file.resolve("data");

        assertThatThrownBy(() -> Database.sqlite(dataDir))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("data directory " + dataDir + " is not writable")
                .hasMessageContaining(file.toString());
    }

    @Test
    void dataDirectoryThatIsARegularFileIsRefusedNamingThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("stamp-data"), "x");

        assertThatThrownBy(() -> Database.sqlite(file))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("data directory " + file + " is not writable")
                .hasMessageContaining("exists and is not a directory");
    }

    @Test
    void stampDbThatIsNotAFileIsRefusedNamingThePath() throws Exception {
        Files.createDirectories(tmp.resolve("stamp.db"));

        assertThatThrownBy(() -> Database.sqlite(tmp))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("data directory " + tmp + " is not writable")
                .hasMessageContaining("stamp.db");
    }

    @Test
    void aSqliteUrlOpensTheSameDatabaseAsItsDataDirectory() {
        try (Database byDir = Database.sqlite(tmp)) {
            byDir.stores().keys().putSetting("name", "value");
        }
        try (Database byUrl = Database.open("jdbc:sqlite:" + tmp.resolve("stamp.db"))) {
            assertThat(byUrl.stores().keys().setting("name")).contains("value");
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
