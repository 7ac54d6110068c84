package dev.stamp.manager.agent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent's small rules: retry delays, listen addresses, event ages, reload hook results. */
class SmallRulesTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @ParameterizedTest(name = "attempt {0} waits {1}s")
    @CsvSource({"0, 10", "1, 10", "2, 20", "3, 40", "4, 80", "5, 160", "6, 300", "7, 300", "30, 300"})
    void pendingRetriesWaitTenSecondsDoublingToFiveMinutes(int attempts, long seconds) {
        assertThat(RetryDelay.DEFAULT.after(attempts)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:9402, 127.0.0.1, 9402", "[::1]:0, 0:0:0:0:0:0:0:1, 0", "localhost:80, localhost, 80"})
    void listenAddressesParse(String text, String host, int port) {
        InetSocketAddress a = AgentSettings.address(text);
        assertThat(a.getHostString()).isEqualTo(host);
        assertThat(a.getPort()).isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"9402|is not HOST:PORT", "host:|is not HOST:PORT", "host:x|has no numeric port",
            "host:70000|has port out of range"})
    void badListenAddressesAreRefusedNamingTheValue(String text, String why) {
        assertThatThrownBy(() -> AgentSettings.address(text)).hasMessage("listen address \"" + text + "\" " + why);
    }

    @ParameterizedTest(name = "{0}s is {1}")
    @CsvSource({"0, 0s", "119, 119s", "120, 2m", "10799, 179m", "10800, 3h", "259199, 71h", "259200, 3d"})
    void eventAgesReadLikeKubectls(long seconds, String age) {
        assertThat(StatusReport.age(Duration.ofSeconds(seconds))).isEqualTo(age);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " ~ ", value = {
            "echo reloaded $STAMP_CERTIFICATE ~ Normal ~ Reloaded ~ Reload command \"echo reloaded $STAMP_CERTIFICATE\" exited 0: reloaded default/app",
            "exit 0 ~ Normal ~ Reloaded ~ Reload command \"exit 0\" exited 0",
            "echo no such pid >&2; exit 1 ~ Warning ~ ReloadFailed ~ Reload command \"echo no such pid >&2; exit 1\" exited 1: no such pid",
            "for i in 1 2 3 4 5 6 7; do echo line$i; done; exit 2 ~ Warning ~ ReloadFailed ~ exited 2: line3 | line4 | line5 | line6 | line7",
            "test \"$STAMP_SECRET_DIR\" = /srv/app-tls ~ Normal ~ Reloaded ~ exited 0"})
    void theReloadHookReportsItsExitCodeAndTheLastLinesOfItsOutput(String command, AgentEvent.Type type, String reason, String message) {
        AgentEvent e = new ReloadHook(Duration.ofSeconds(30)).run(command, "default/app", Path.of("/srv/app-tls"), NOW);
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.message()).endsWith(message);
        assertThat(e.lastTime()).isEqualTo(NOW);
    }

    @Test
    void requestNamesAreStableAndHashedWhenTooLong() {
        assertThat(Reconciler.requestName("app", 3)).isEqualTo("app-3");
        String longName = "a".repeat(240);
        String hashed = Reconciler.requestName(longName, 3);
        assertThat(hashed).hasSizeLessThanOrEqualTo(233).endsWith("-3").isEqualTo(Reconciler.requestName(longName, 3));
        assertThat(Reconciler.requestName(longName, 4)).endsWith("-4").isNotEqualTo(hashed);
    }
}
