package dev.stamp.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStatementsTest {
    @TempDir Path dir;
    private HikariDataSource pool;
    private final SqliteStatements statements = new SqliteStatements();

    @BeforeEach
    void open() throws SQLException {
        pool = Pools.sqlite("jdbc:sqlite:" + dir.resolve("t.db"));
        try (Connection c = pool.getConnection(); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void theSameSqlOnTheSameConnectionReusesOneCompiledStatement() throws SQLException {
        try (Connection c = statements.caching(pool.getConnection())) {
            PreparedStatement first = c.prepareStatement("SELECT v FROM t WHERE k = ?");
            PreparedStatement underlying = first.unwrap(PreparedStatement.class);
            first.close();
            try (PreparedStatement second = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
                assertThat(second.unwrap(PreparedStatement.class)).isSameAs(underlying);
            }
            try (PreparedStatement other = c.prepareStatement("SELECT k FROM t")) {
                assertThat(other.unwrap(PreparedStatement.class)).isNotSameAs(underlying);
            }
        }
    }

    @Test
    void aStatementStillInUseIsNotSharedWithASecondCaller() throws SQLException {
        insert("a", 1);
        insert("b", 2);
        try (Connection c = statements.caching(pool.getConnection());
             PreparedStatement outer = c.prepareStatement("SELECT k, v FROM t ORDER BY k");
             ResultSet rows = outer.executeQuery()) {
            int seen = 0;
            while (rows.next()) {
                try (PreparedStatement inner = c.prepareStatement("SELECT k, v FROM t ORDER BY k")) {
                    assertThat(inner.unwrap(PreparedStatement.class)).isNotSameAs(outer.unwrap(PreparedStatement.class));
                    try (ResultSet again = inner.executeQuery()) {
                        assertThat(again.next()).isTrue();
                    }
                }
                seen++;
            }
            assertThat(seen).as("the outer iteration was not disturbed").isEqualTo(2);
        }
    }

    @Test
    void aReturnedStatementHoldsNoSnapshotSoTheNextReadSeesLaterCommits() throws SQLException {
        insert("a", 1);
        try (Connection c = statements.caching(pool.getConnection())) {
            assertThat(value(c, "a")).isEqualTo(1);
            try (Connection other = pool.getConnection(); var s = other.createStatement()) {
                s.executeUpdate("UPDATE t SET v = 2 WHERE k = 'a'");
            }
            assertThat(value(c, "a")).isEqualTo(2);
        }
    }

    @Test
    void closingALeaseClearsItsParametersAndRefusesFurtherUse() throws SQLException {
        insert("a", 1);
        try (Connection c = statements.caching(pool.getConnection())) {
            PreparedStatement s = c.prepareStatement("SELECT count(*) FROM t WHERE k = ?");
            s.setString(1, "a");
            s.close();
            assertThat(s.isClosed()).isTrue();
            assertThatThrownBy(s::executeQuery).isInstanceOf(SQLException.class);
            try (PreparedStatement again = c.prepareStatement("SELECT count(*) FROM t WHERE k = ?");
                 ResultSet rs = again.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("the earlier 'a' is no longer bound").isZero();
            }
        }
    }

    @Test
    void thePooledConnectionIsFoundBehindTheCachingOne() throws SQLException {
        try (Connection pooled = pool.getConnection()) {
            Connection c = statements.caching(pooled);
            assertThat(SqliteStatements.pooled(c)).isSameAs(pooled);
            assertThat(SqliteStatements.pooled(pooled)).isSameAs(pooled);
        }
    }

    private int value(Connection c, String k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            s.setString(1, k);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private void insert(String k, int v) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            s.setString(1, k);
            s.setInt(2, v);
            s.executeUpdate();
        }
    }
}
