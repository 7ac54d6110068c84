package dev.stamp.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test server's own rules: without PostgreSQL the suite fails and says what to install; it never skips. */
class PostgresServerTest {
    @TempDir
    Path tmp;

    @Test
    void withoutPostgresBinariesTheSuiteFailsNamingWhatToInstall() {
        assertThatThrownBy(() -> PostgresServer.Throwaway.binaries(tmp.resolve("none")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PostgresServer.URL_ENV)
                .hasMessageContaining("install the Debian package postgresql");
    }

    @Test
    void theHighestInstalledVersionIsUsed() throws Exception {
        for (String version : new String[] {"9", "15", "16"}) {
            Path bin = Files.createDirectories(tmp.resolve(version).resolve("bin"));
            for (String tool : new String[] {"initdb", "pg_ctl"}) {
                Files.createFile(bin.resolve(tool), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
        }
        assertThat(PostgresServer.Throwaway.binaries(tmp)).isEqualTo(tmp.resolve("16").resolve("bin"));
    }
}
