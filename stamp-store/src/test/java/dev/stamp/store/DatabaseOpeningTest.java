package dev.stamp.store;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening by URL: which databases are accepted, and how a failure reads. Credentials never appear in a message. */
class DatabaseOpeningTest {

    @Test
    void urlOfAnotherDatabaseIsAnInvalidArgumentWithoutItsCredentials() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://admin:hunter2@db/stamp?password=hunter2"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("jdbc:mysql://db/stamp")
                .hasMessageContaining("jdbc:sqlite:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void unreachablePostgresIsAnOutageNamingTheServerWithoutItsCredentials() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/stamp?user=stamp&password=hunter2&connectTimeout=2";

        assertThatThrownBy(() -> Database.open(url, "stamp", "hunter2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot open PostgreSQL jdbc:postgresql://127.0.0.1:" + closedPort + "/stamp:")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void redactedUrlsKeepHostAndDatabaseOnly() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:p@db:5432/stamp?password=x")).isEqualTo("jdbc:postgresql://db:5432/stamp");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/stamp")).isEqualTo("jdbc:postgresql://db/stamp");
        assertThat(JdbcUrls.redact("jdbc:sqlite:/var/lib/stamp/stamp.db")).isEqualTo("jdbc:sqlite:/var/lib/stamp/stamp.db");
    }
}
