package dev.stamp.manager.agent;

import dev.stamp.manager.key.PrivateKeys;
import dev.stamp.manager.spec.CertificateRequest;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.CertificateSpec;
import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;
import dev.stamp.manager.spec.IssuerRef;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.PrivateKeyAlgorithm;
import dev.stamp.manager.spec.PrivateKeyEncoding;
import dev.stamp.manager.spec.PrivateKeySpec;
import dev.stamp.manager.spec.RotationPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentStoreTest {
    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    @TempDir Path tmp;

    private static CertificateRecord record() {
        CertificateStatus status = CertificateStatus.EMPTY
                .withCondition(ConditionType.Ready, ConditionStatus.True, "Ready", "Certificate is up to date and has not expired", 2, NOW)
                .withCertificateTimes(NOW, NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofHours(2)))
                .withIssued(1);
        CertificateRequest request = new CertificateRequest(new ObjectMeta("app-1", "default", Map.of("team", "web"),
                Map.of(CertificateRequest.REVISION_ANNOTATION, "1")),
                new CertificateRequestSpec("-----BEGIN CERTIFICATE REQUEST-----\n...", new IssuerRef("ca", "Issuer", "cert-manager.io"),
                        CertificateSpec.DEFAULT_DURATION, false, CertificateSpec.DEFAULT_USAGES));
        RequestRecord issued = RequestRecord.created(request, 1, NOW).issued("chain", "ca");
        RequestRecord failed = RequestRecord.created(request, 2, NOW).failed("Failed", "no", NOW.plusSeconds(5));
        return CertificateRecord.fresh("default", "app")
                .withSpec(new CertificateSummary("app-tls", new IssuerRef("ca", "Issuer", "cert-manager.io"), "app",
                        List.of("app.example"), List.of("10.0.0.1"), List.of(), List.of()), "fp")
                .withStatus(status).withRequest(issued).withRequest(failed)
                .withEvent(AgentEvent.of(AgentEvent.Type.Normal, "Issuing", "done", NOW))
                .withTransientRetries(2).withNextRun(NOW.plusSeconds(60));
    }

    @Test
    void aRecordReadsBackEqualFromAnotherStoreAndItsFileIsPrivate() throws Exception {
        CertificateRecord saved = record();
        try (AgentStore store = AgentStore.lock(tmp.resolve("data"))) {
            store.save(saved);
        }
        AgentStore reader = AgentStore.readOnly(tmp.resolve("data"));
        assertThat(reader.load("default", "app")).contains(saved);
        assertThat(reader.loadAll()).containsExactly(saved);
        assertThat(reader.load("default", "other")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("data/certificates/default/app.json"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(tmp.resolve("data/certificates/default"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("app.json"); // no temporary file left
        }
    }

    @Test
    void theNextKeyIsPrivateAndReadsBackAsAJdkKey() throws Exception {
        KeyPair key = new PrivateKeys(new SecureRandom()).generate(new PrivateKeySpec(PrivateKeyAlgorithm.ECDSA, 256,
                PrivateKeyEncoding.PKCS1, RotationPolicy.Always));
        try (AgentStore store = AgentStore.lock(tmp)) {
            store.saveNextKey("default", "app", key);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.keyFile("default", "app")))).isEqualTo("rw-------");
            KeyPair read = store.loadNextKey("default", "app").orElseThrow();
            assertThat(read.getPrivate().getAlgorithm()).isEqualTo("EC");
            assertThat(read.getPublic().getEncoded()).isEqualTo(key.getPublic().getEncoded());
            store.deleteNextKey("default", "app");
            assertThat(store.loadNextKey("default", "app")).isEmpty();
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheLockAndAdmittedAfter() {
        Path data = tmp.resolve("data");
        AgentStore first = AgentStore.lock(data);
        for (int i = 0; i < 2; i++) { // the refusal must not release the first store's lock
            assertThatThrownBy(() -> AgentStore.lock(data)).isInstanceOf(AgentStoreException.class)
                    .hasMessageContaining("another stamp agent is already running on the data directory " + data.toAbsolutePath());
        }
        first.close();
        AgentStore.lock(data).close();
    }

    @Test
    void renewalRequestsAreDroppedByTheCliAndConsumedByTheAgent() {
        try (AgentStore agent = AgentStore.lock(tmp)) {
            AgentStore cli = AgentStore.readOnly(tmp);
            cli.requestRenewal("default", "app");
            cli.requestRenewal("web.team", "site.example");
            cli.requestRenewalOfAll();
            assertThat(agent.pendingRenewals()).extracting(AgentStore.Renewal::all, AgentStore.Renewal::namespace, AgentStore.Renewal::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(true, "", ""),
                            org.assertj.core.groups.Tuple.tuple(false, "default", "app"),
                            org.assertj.core.groups.Tuple.tuple(false, "web.team", "site.example"));
            agent.pendingRenewals().forEach(agent::consumed);
            assertThat(agent.pendingRenewals()).isEmpty();
            assertThatThrownBy(() -> cli.save(record())).isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
        }
    }

    @Test
    void namesThatAreNotDnsSubdomainsAreRefusedNamingTheValue() {
        try (AgentStore store = AgentStore.lock(tmp)) {
            assertThatThrownBy(() -> store.load("default", "../../etc")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid name \"../../etc\"");
            assertThatThrownBy(() -> store.requestRenewal("Default", "app")).hasMessageContaining("invalid namespace \"Default\"");
        }
    }

    @Test
    void readingADataDirectoryThatDoesNotExistSaysSo() {
        assertThatThrownBy(() -> AgentStore.readOnly(tmp.resolve("none"))).isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("the agent data directory " + tmp.resolve("none") + " does not exist");
    }

    @Test
    void eventsRepeatByCountAndOnlyTheLastTwentyAreKept() {
        CertificateRecord r = CertificateRecord.fresh("default", "app");
        r = r.withEvent(AgentEvent.of(AgentEvent.Type.Warning, "IssuerNotReady", "down", NOW))
                .withEvent(AgentEvent.of(AgentEvent.Type.Warning, "IssuerNotReady", "down", NOW.plusSeconds(10)));
        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(2);
            assertThat(e.firstTime()).isEqualTo(NOW);
            assertThat(e.lastTime()).isEqualTo(NOW.plusSeconds(10));
        });
        for (int i = 0; i < 25; i++) r = r.withEvent(AgentEvent.of(AgentEvent.Type.Normal, "E" + i, "", NOW));
        assertThat(r.events()).hasSize(20).extracting(AgentEvent::reason).startsWith("E5").endsWith("E24");
    }
}
