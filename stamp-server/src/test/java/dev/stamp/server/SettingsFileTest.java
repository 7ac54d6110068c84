package dev.stamp.server;

import dev.stamp.server.config.ClientRules;
import dev.stamp.server.config.RequestRate;
import dev.stamp.server.config.ServerSettings;
import dev.stamp.server.config.SettingsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsFileTest {
    @TempDir Path tmp;

    private ServerSettings read(String yaml) throws Exception {
        Path file = tmp.resolve("stamp.yaml");
        Files.writeString(file, yaml);
        return SettingsFile.read(file);
    }

    @Test
    void theDocumentedExampleParsesWithEveryKeySet() {
        ServerSettings s = SettingsFile.read(Path.of("../docs/stamp.example.yaml"));
        assertThat(s.data()).isEqualTo(Path.of("/var/lib/stamp"));
        assertThat(s.listen()).isEqualTo("0.0.0.0:8443");
        assertThat(s.httpListen()).isEqualTo("0.0.0.0:8080");
        assertThat(s.publicUrl()).isEqualTo("http://pki.example.internal:8080");
        assertThat(s.passphraseFile()).isEqualTo(Path.of("/etc/stamp/vault.pass"));
        assertThat(s.database()).isEqualTo(new ServerSettings.Database("jdbc:postgresql://db.example.internal:5432/stamp", "stamp", Path.of("/etc/stamp/db.pass")));
        assertThat(s.tls()).isEqualTo(new ServerSettings.Tls(List.of("pki.example.internal"), Path.of("/etc/stamp/tls/chain.pem"),
                Path.of("/etc/stamp/tls/key.pem"), Path.of("/etc/stamp/tls/key.pass"), Path.of("/etc/stamp/tls/clients-ca.pem"), Duration.ofSeconds(10)));
        assertThat(s.clients()).hasSize(3);
        assertThat(ClientRules.of(s.clients()).isEmpty()).isFalse();
        assertThat(s.limits()).isEqualTo(new ServerSettings.Limits(50.0, 100, 10, Duration.ofSeconds(6)));
        assertThat(s.ocsp().toSettings()).isEqualTo(new dev.stamp.core.ocsp.OcspSettings(Duration.ofHours(1), 0.5, 10_000, 1_000,
                Duration.ofDays(7), 0.6667, Duration.ofMinutes(1)));
    }

    @Test
    void ocspSettingsLeftOutKeepTheirDefaultsAndBadOnesAreRefusedNamingTheValue() throws Exception {
        ServerSettings s = read("ocsp:\n  response-validity: 2h\n  cache-capacity: 500\n").withDefaults();
        var ocsp = s.ocsp().toSettings();
        assertThat(ocsp.responseValidity()).isEqualTo(Duration.ofHours(2));
        assertThat(ocsp.cacheCapacity()).isEqualTo(500);
        assertThat(ocsp.presignRecent()).isEqualTo(500); // at most the cache
        assertThat(ocsp.signerValidity()).isEqualTo(Duration.ofDays(7));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("ocsp:\n  response-validity: 10s\n").withDefaults().ocsp().toSettings())
                .hasMessageContaining("PT10S");
    }

    @Test
    void anUnknownKeyIsRefusedNamingTheKeyAndTheFile() {
        assertThatThrownBy(() -> read("listen: 127.0.0.1:1\nlisten-port: 8443\n"))
                .isInstanceOf(SettingsFile.Invalid.class)
                .hasMessageContaining("unknown key 'listen-port'").hasMessageContaining(tmp.resolve("stamp.yaml").toString())
                .hasMessageContaining("http-listen");
        assertThatThrownBy(() -> read("tls:\n  certificate: chain.pem\n"))
                .hasMessageContaining("unknown key 'certificate' under 'tls'");
        assertThatThrownBy(() -> read("database:\n  password: hunter2\n"))
                .hasMessageContaining("unknown key 'password' under 'database'").hasMessageNotContaining("hunter2");
    }

    @Test
    void badValuesNameTheFileAndLine() {
        assertThatThrownBy(() -> read("limits:\n  auth-refill: soon\n"))
                .hasMessageContaining("stamp.yaml").hasMessageContaining("line 2").hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> read("limits:\n  burst: lots\n")).hasMessageContaining("stamp.yaml").hasMessageContaining("line 2");
        assertThatThrownBy(() -> read("listen: [1, 2\n")).hasMessageContaining("stamp.yaml");
        assertThatThrownBy(() -> SettingsFile.read(tmp.resolve("missing.yaml"))).hasMessageContaining("missing.yaml does not exist");
    }

    @Test
    void relativePathsAreRelativeToTheFile() throws Exception {
        ServerSettings s = read("data: data\ntls:\n  cert: tls/chain.pem\n  key: /abs/key.pem\ndatabase:\n  password-file: db.pass\n");
        assertThat(s.data()).isEqualTo(tmp.resolve("data"));
        assertThat(s.tls().cert()).isEqualTo(tmp.resolve("tls/chain.pem"));
        assertThat(s.tls().key()).isEqualTo(Path.of("/abs/key.pem"));
        assertThat(s.database().passwordFile()).isEqualTo(tmp.resolve("db.pass"));
    }

    @Test
    void flagsOverrideTheFileKeyByKeyAndDefaultsFillTheRest() throws Exception {
        ServerSettings file = read("listen: 0.0.0.0:8443\nhttp-listen: 0.0.0.0:8080\ntls:\n  names: [a.example]\n  cert: c.pem\n  key: k.pem\n"
                + "limits:\n  burst: 7\nocsp:\n  response-validity: 3h\n");
        ServerSettings flags = new ServerSettings(null, "127.0.0.1:9443", null, null, null, null,
                new ServerSettings.Tls(List.of("b.example"), null, Path.of("/flag/k.pem"), null, null, null), null, null, null, null);
        ServerSettings s = file.overriddenBy(flags).withDefaults();
        assertThat(s.listen()).isEqualTo("127.0.0.1:9443");
        assertThat(s.httpListen()).isEqualTo("0.0.0.0:8080");
        assertThat(s.tls().names()).containsExactly("b.example");
        assertThat(s.tls().cert()).isEqualTo(tmp.resolve("c.pem"));
        assertThat(s.tls().key()).isEqualTo(Path.of("/flag/k.pem"));
        assertThat(s.tls().reloadCheck()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.requestRate().burst()).isEqualTo(7);
        assertThat(s.requestRate().perSecond()).isEqualTo(50);
        assertThat(s.limits().authFailures()).isEqualTo(10);
        assertThat(s.ocsp().toSettings().responseValidity()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void anEmptyFileSetsNothing() throws Exception {
        ServerSettings s = read("").withDefaults();
        assertThat(s.listen()).isEqualTo(ServerSettings.DEFAULT_LISTEN);
        assertThat(s.httpListen()).isEqualTo(ServerSettings.DEFAULT_HTTP_LISTEN);
        assertThat(s.clients()).isEmpty();
        assertThat(s.requestRate()).isEqualTo(RequestRate.DEFAULT).isEqualTo(new RequestRate(50, 100));
        assertThat(s.limits().authFailures()).isEqualTo(ServerContext.DEFAULT_AUTH_FAILURES);
        assertThat(s.limits().authRefill()).isEqualTo(ServerContext.DEFAULT_AUTH_REFILL);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "- {role: admin}                                   | clients[0]: give exactly one of subject, dns or uri",
            "- {subject: 'CN=a', dns: a.example, role: admin}  | clients[0]: give exactly one of subject, dns or uri",
            "- {dns: a.example, role: owner}                   | clients[0]: role must be admin, issuer or auditor, not 'owner'",
            "- {dns: a.example}                                | clients[0]: role is missing",
            "- {dns: a.example, role: issuer}                  | clients[0]: an issuer client rule needs at least one CA",
            "- {dns: a.example, role: auditor, cas: [x]}       | clients[0]: only issuer client rules name CAs",
            "- {subject: 'not a name', role: admin}            | clients[0]: subject 'not a name' is not an X.500 name",
    })
    void badClientRulesAreRefusedNamingTheEntry(String rule, String message) throws Exception {
        ServerSettings s = read("clients:\n  " + rule + "\n");
        assertThatThrownBy(() -> ClientRules.of(s.clients())).hasMessageContaining(message);
    }
}
