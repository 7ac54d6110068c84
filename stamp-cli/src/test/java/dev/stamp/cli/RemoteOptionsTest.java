package dev.stamp.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How --server, --token, --token-file and --ca-cert combine (the environment variables are read the same way). */
class RemoteOptionsTest {
    @TempDir Path tmp;

    static GlobalOptions parse(String... args) {
        GlobalOptions global = new GlobalOptions();
        new CommandLine(global).parseArgs(args);
        return global;
    }

    @Test
    void tokenFileIsReadAndStrippedAndTheUrlLosesItsTrailingSlash() throws Exception {
        Path file = tmp.resolve("token");
        Files.writeString(file, "  stamp_secret\n");
        RemoteOptions o = RemoteOptions.of(parse("--server", "https://localhost:8443/", "--token-file", file.toString()));
        assertThat(o.server()).hasToString("https://localhost:8443");
        assertThat(o.token()).isEqualTo("stamp_secret");
        assertThat(o.toString()).doesNotContain("stamp_secret");
    }

    @Test
    void withoutAServerTheCommandsStayLocal() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("STAMP_SERVER") == null);
        assertThat(RemoteOptions.of(parse())).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--token stamp_x|--token and --token-file need --server",
            "--server ftp://host --token stamp_x|is not an http(s) URL",
            "--server https://host --token stamp_x --token-file /nonexistent|give --token or --token-file, not both",
            "--server https://host --token-file /nonexistent/token|cannot read the token file"})
    void contradictionsAreUsageErrorsNamingTheOption(String args, String message) {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("STAMP_SERVER") == null);
        assertThatThrownBy(() -> RemoteOptions.of(parse(args.split(" ")))).isInstanceOf(UserError.class).hasMessageContaining(message);
    }
}
