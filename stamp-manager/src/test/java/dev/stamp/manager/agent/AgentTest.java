package dev.stamp.manager.agent;

import dev.stamp.manager.spec.CertificateStatus;
import dev.stamp.manager.spec.Condition;
import dev.stamp.manager.spec.ConditionStatus;
import dev.stamp.manager.spec.ConditionType;
import dev.stamp.manager.testing.Programs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import static dev.stamp.manager.agent.AgentHarness.SELF_SIGNED_ISSUER;
import static dev.stamp.manager.agent.AgentHarness.certificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The agent end to end over temporary directories: selfSigned and ca issuers in-process, a movable clock. */
class AgentTest {
    /** A selfSigned CA Certificate, a ca Issuer on its Secret, and a leaf from that issuer. */
    static final String CA_SETUP = SELF_SIGNED_ISSUER + "---\n" + certificate("root", "root-ca", "selfsigned", "isCA: true\ncommonName: Test Root")
            + """
            ---
            apiVersion: cert-manager.io/v1
            kind: Issuer
            metadata:
              name: ca-issuer
            spec:
              ca:
                secretName: root-ca
            """;

    @TempDir Path tmp;
    AgentHarness h;

    @BeforeEach
    void setUp() {
        h = new AgentHarness(tmp);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static Condition ready(CertificateRecord r) {
        return r.status().condition(ConditionType.Ready).orElseThrow();
    }

    @Test
    void issuesThroughACaIssuerIntoFilesWithAPrivateKeyAndAChainOpensslVerifies() throws Exception {
        h.write("ca.yaml", CA_SETUP);
        h.write("app.yaml", certificate("app", "app-tls", "ca-issuer", ""));
        h.open();
        h.step();
        // app sorts before root: its CA Secret did not exist yet, so its request waits for the issuer; root's Secret
        // being written makes it due again at once instead of after its 10 s retry delay
        assertThat(ready(h.record("root")).status()).isEqualTo(ConditionStatus.True);
        CertificateRecord waiting = h.record("app");
        assertThat(ready(waiting).reason()).isEqualTo("IssuerNotReady");
        assertThat(waiting.nextRun()).isEqualTo(h.clock.instant().plusSeconds(10));

        assertThat(h.step()).isEqualTo(1);
        CertificateRecord app = h.record("app");
        assertThat(ready(app).status()).isEqualTo(ConditionStatus.True);
        assertThat(ready(app).message()).isEqualTo("Certificate is up to date and has not expired");
        assertThat(app.status().revision()).isEqualTo(1);
        assertThat(app.status().condition(ConditionType.Issuing)).isEmpty();
        assertThat(app.events()).extracting(AgentEvent::reason).contains("Generated", "Requested", "Issuing");
        assertThat(app.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("app-1");
            assertThat(r.request().metadata().annotations()).containsEntry("cert-manager.io/certificate-revision", "1")
                    .containsEntry("cert-manager.io/certificate-name", "app")
                    .containsEntry("cert-manager.io/private-key-secret-name", "app-next-key");
        });

        Path dir = h.secretDir("app-tls");
        assertThat(dir.resolve("tls.crt")).exists();
        assertThat(dir.resolve("ca.crt")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls.key")))).isEqualTo("rw-------");
        assertThat(h.agent.record("default", "app").orElseThrow().status().nextPrivateKeySecretName()).isNull();
        assertThat(h.data.resolve("certificates/default/app.next-key.pem")).doesNotExist();
        var verify = Programs.run("openssl", "verify", "-attime", Long.toString(h.clock.instant().getEpochSecond()), "-CAfile", dir.resolve("ca.crt").toString(), dir.resolve("tls.crt").toString());
        assertThat(verify.exitCode()).as(verify.all()).isZero();
        var key = Programs.run("openssl", "pkey", "-in", dir.resolve("tls.key").toString(), "-noout");
        assertThat(key.exitCode()).as(key.all()).isZero();
    }

    @Test
    void renewsByItselfAtTwoThirdsOfTheLifetimeWithANewSerialAndKey() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        CertificateRecord first = h.record("app");
        Instant renewal = first.status().renewalTime();
        assertThat(renewal).isEqualTo(first.status().notBefore().plus(Duration.ofHours(2)));
        assertThat(first.nextRun()).isEqualTo(renewal);
        BigInteger serial = h.serial("app-tls");
        String key = h.key("app-tls");

        h.clock.set(renewal.minusSeconds(1));
        assertThat(h.step()).isZero();
        assertThat(h.serial("app-tls")).isEqualTo(serial);

        h.clock.set(renewal.plusSeconds(1));
        assertThat(h.step()).isEqualTo(1);
        CertificateRecord renewed = h.record("app");
        assertThat(renewed.status().revision()).isEqualTo(2);
        assertThat(ready(renewed).status()).isEqualTo(ConditionStatus.True);
        assertThat(h.serial("app-tls")).isNotEqualTo(serial);
        assertThat(h.key("app-tls")).isNotEqualTo(key);
        assertThat(renewed.events()).extracting(AgentEvent::reason).containsSubsequence("Issuing", "Generated", "Requested", "Issuing");
    }

    @Test
    void aSpecChangeReissuesAtOnce() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        BigInteger serial = h.serial("app-tls");
        h.advance(Duration.ofMinutes(5));
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", "")
                .replace("dnsNames: [app.private.example.net]", "dnsNames: [app.private.example.net, www.private.example.net]"));
        assertThat(h.step()).isEqualTo(1);
        CertificateRecord r = h.record("app");
        assertThat(r.status().revision()).isEqualTo(2);
        assertThat(r.generation()).isEqualTo(2);
        assertThat(h.serial("app-tls")).isNotEqualTo(serial);
        assertThat(r.summary().dnsNames()).containsExactly("app.private.example.net", "www.private.example.net");
    }

    @Test
    void aFailedIssuanceBacksOffOneHourThenTwoAndAManualRenewSkipsTheBackoff() {
        // A CA that has expired by the time it signs: the issued certificate is refused (already expired).
        h.write("old-ca.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("old", "old-ca", "selfsigned", "isCA: true\ncommonName: Old CA")
                .replace("duration: 3h", "duration: 1h"));
        h.open();
        h.step();
        h.delete("old-ca.yaml"); // no longer managed: its Secret stays, and expires
        h.step();
        h.advance(Duration.ofHours(2));
        h.write("app.yaml", """
                apiVersion: cert-manager.io/v1
                kind: Issuer
                metadata:
                  name: old-issuer
                spec:
                  ca:
                    secretName: old-ca
                ---
                """ + certificate("app", "app-tls", "old-issuer", ""));
        Instant t0 = h.clock.instant();
        h.step();
        CertificateRecord failed = h.record("app");
        assertThat(failed.status().failedIssuanceAttempts()).isEqualTo(1);
        assertThat(failed.status().lastFailureTime()).isEqualTo(t0);
        Condition issuing = failed.status().condition(ConditionType.Issuing).orElseThrow();
        assertThat(issuing.status()).isEqualTo(ConditionStatus.False);
        assertThat(issuing.message()).startsWith(CertificateStatus.ISSUANCE_FAILED_PREFIX);
        assertThat(failed.nextRun()).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(failed.nextRequest().orElseThrow().state()).isEqualTo(RequestState.Failed);
        assertThat(failed.nextRequest().orElseThrow().failureTime()).isEqualTo(t0);

        h.advance(Duration.ofMinutes(59));
        assertThat(h.step()).isZero();
        h.advance(Duration.ofMinutes(1));
        assertThat(h.step()).isEqualTo(1);
        CertificateRecord second = h.record("app");
        assertThat(second.status().failedIssuanceAttempts()).isEqualTo(2);
        assertThat(second.nextRun()).isEqualTo(h.clock.instant().plus(Duration.ofHours(2)));

        h.advance(Duration.ofMinutes(1));
        assertThat(h.step()).isZero(); // backing off
        AgentStore.readOnly(h.data).requestRenewal("default", "app");
        assertThat(h.step()).isEqualTo(1);
        CertificateRecord renewed = h.record("app");
        assertThat(renewed.status().failedIssuanceAttempts()).isEqualTo(3);
        assertThat(renewed.events()).extracting(AgentEvent::reason).contains("ManuallyTriggered");
        assertThat(AgentStore.readOnly(h.data).pendingRenewals()).isEmpty();
    }

    @Test
    void anInvalidManifestIsReportedAndDoesNotStopAValidOne() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.write("bad.yaml", certificate("bad", "bad-tls", "selfsigned", "").replace("duration: 3h", "duration: 30m"));
        h.open();
        h.step();
        assertThat(ready(h.record("app")).status()).isEqualTo(ConditionStatus.True);
        assertThat(h.agent.record("default", "bad")).isEmpty();
        assertThat(h.agent.problems()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("bad");
            assertThat(p.origin()).contains("bad.yaml");
            assertThat(String.join("\n", p.messages())).contains("spec.duration").contains("30m0s");
        });
        String status = StatusReport.render(AgentStore.readOnly(h.data).loadAll(), AgentStore.readOnly(h.data).loadSnapshot(),
                new dev.stamp.manager.secret.SecretDirectory(h.output), h.clock.instant(), java.util.Optional.empty(), java.util.Optional.of("bad"));
        assertThat(status).contains("Invalid manifests").contains("bad.yaml").contains("spec.duration");
    }

    @Test
    void anInvalidEditKeepsTheLastValidSpecInForceAsCertManagersWebhookWould() {
        String valid = SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", "");
        h.write("app.yaml", valid);
        h.open();
        h.step();
        BigInteger serial = h.serial("app-tls");
        h.write("app.yaml", valid.replace("duration: 3h", "duration: 30m"));
        h.advance(Duration.ofMinutes(1));
        h.step();
        assertThat(h.agent.problems()).singleElement().satisfies(p -> assertThat(p.name()).isEqualTo("app"));
        assertThat(h.record("app").status().revision()).isEqualTo(1);
        assertThat(ready(h.record("app")).status()).isEqualTo(ConditionStatus.True);
        assertThat(h.serial("app-tls")).isEqualTo(serial);

        h.clock.set(h.record("app").status().renewalTime().plusSeconds(1)); // still renewed on the old spec
        h.step();
        assertThat(h.record("app").status().revision()).isEqualTo(2);
        assertThat(h.agent.status()).contains("Issuer:\n  Name: selfsigned\n  Kind: Issuer\n  Conditions:\n    Ready: True, Reason: IsReady");
    }

    @Test
    void anUnreachableIssuerLeavesTheCertificateNotReadyWithTheReasonAndRetriesWithBackoff() throws Exception {
        Path token = Files.writeString(tmp.resolve("token"), "not-a-real-token");
        h.write("app.yaml", """
                apiVersion: stamp.dev/v1alpha1
                kind: StampIssuer
                metadata:
                  name: stamp
                spec:
                  url: https://127.0.0.1:1
                  caId: some-ca
                  tokenFile: %s
                ---
                """.formatted(token) + certificate("app", "app-tls", "stamp", "").replace("issuerRef: {name: stamp}",
                "issuerRef: {name: stamp, kind: StampIssuer, group: stamp.dev}"));
        h.open();
        h.step();
        CertificateRecord r = h.record("app");
        assertThat(ready(r).status()).isEqualTo(ConditionStatus.False);
        assertThat(ready(r).reason()).isEqualTo("IssuerNotReady");
        assertThat(ready(r).message()).contains("cannot reach https://127.0.0.1:1");
        assertThat(r.nextRequest().orElseThrow().state()).isEqualTo(RequestState.Pending);
        assertThat(r.nextRun()).isEqualTo(h.clock.instant().plusSeconds(10));
        h.advance(Duration.ofSeconds(10));
        h.step();
        assertThat(h.record("app").nextRun()).isEqualTo(h.clock.instant().plusSeconds(20));
        assertThat(h.record("app").requests()).hasSize(1); // the same request is retried
        assertThat(h.agent.status()).contains("Ready: False, Reason: IssuerNotReady");
    }

    @Test
    void anUnwritableOutputDirectoryIsReportedAndNothingIsHalfWritten() throws Exception {
        Files.writeString(h.output, "a file where the output directory should be");
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        CertificateRecord r = h.record("app");
        assertThat(ready(r).status()).isEqualTo(ConditionStatus.False);
        assertThat(ready(r).reason()).isEqualTo("SecretWriteFailed");
        assertThat(ready(r).message()).contains(h.output.toString());
        assertThat(r.events()).extracting(AgentEvent::reason).contains("SecretWriteFailed");
        assertThat(Files.readString(h.output)).isEqualTo("a file where the output directory should be");
        assertThat(r.status().revision()).isNull();
        assertThat(h.data.resolve("certificates/default/app.next-key.pem")).exists(); // kept for the retry

        Files.delete(h.output);
        h.advance(Duration.ofSeconds(10));
        h.step();
        assertThat(ready(h.record("app")).status()).isEqualTo(ConditionStatus.True);
        try (Stream<Path> files = Files.list(h.secretDir("app-tls"))) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("tls.crt", "tls.key", "ca.crt");
        }
    }

    @Test
    void oldRequestsArePrunedToTheRevisionHistoryLimit() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", "")
                + certificate("two", "two-tls", "selfsigned", "revisionHistoryLimit: 2").replace("apiVersion", "---\napiVersion"));
        h.open();
        for (int i = 0; i < 3; i++) {
            AgentStore.readOnly(h.data).requestRenewalOfAll();
            h.advance(Duration.ofMinutes(1));
            h.step();
        }
        // the first request meets the first start: all three passes issue
        assertThat(h.record("app").status().revision()).isEqualTo(3);
        assertThat(h.record("app").requests()).extracting(RequestRecord::revision).containsExactly(3);
        assertThat(h.record("two").requests()).extracting(RequestRecord::revision).containsExactly(2, 3);
    }

    @Test
    void theReloadHookRunsAfterTheSecretChangedAndItsResultIsAnEvent() {
        h.settings = h.settings.withReloadCommand("echo default hook; exit 3");
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n"
                + certificate("app", "app-tls", "selfsigned", "").replace("metadata:\n  name: app",
                "metadata:\n  name: app\n  annotations:\n    stamp.dev/reload-command: 'echo reloading $STAMP_CERTIFICATE; ls $STAMP_SECRET_DIR'")
                + "---\n" + certificate("other", "other-tls", "selfsigned", ""));
        h.open();
        h.step();
        assertThat(h.record("app").events().getLast()).satisfies(e -> {
            assertThat(e.type()).isEqualTo(AgentEvent.Type.Normal);
            assertThat(e.reason()).isEqualTo("Reloaded");
            assertThat(e.message()).contains("exited 0").contains("reloading default/app").contains("tls.crt").contains("tls.key");
        });
        assertThat(h.record("other").events().getLast()).satisfies(e -> {
            assertThat(e.type()).isEqualTo(AgentEvent.Type.Warning);
            assertThat(e.reason()).isEqualTo("ReloadFailed");
            assertThat(e.message()).contains("exited 3").contains("default hook");
        });
    }

    @Test
    void metricsCarryCertManagersNamesAndLabels() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        CertificateRecord r = h.record("app");
        String labels = "issuer_group=\"cert-manager.io\",issuer_kind=\"Issuer\",issuer_name=\"selfsigned\",name=\"app\",namespace=\"default\"";
        assertThat(h.agent.metrics())
                .contains("# TYPE certmanager_certificate_expiration_timestamp_seconds gauge")
                .contains("certmanager_certificate_expiration_timestamp_seconds{" + labels + "} " + r.status().notAfter().getEpochSecond() + "\n")
                .contains("certmanager_certificate_renewal_timestamp_seconds{" + labels + "} " + r.status().renewalTime().getEpochSecond() + "\n")
                .contains("certmanager_certificate_ready_status{condition=\"True\"," + labels + "} 1\n")
                .contains("certmanager_certificate_ready_status{condition=\"False\"," + labels + "} 0\n")
                .contains("certmanager_certificate_ready_status{condition=\"Unknown\"," + labels + "} 0\n");
    }

    @Test
    void statusPrintsWhatCmctlStatusCertificatePrints() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        h.advance(Duration.ofMinutes(3));
        String status = StatusReport.render(AgentStore.readOnly(h.data).loadAll(), AgentStore.readOnly(h.data).loadSnapshot(),
                new dev.stamp.manager.secret.SecretDirectory(h.output), h.clock.instant(), java.util.Optional.of("default"),
                java.util.Optional.of("app"));
        CertificateRecord r = h.record("app");
        assertThat(status)
                .contains("Name: app\nNamespace: default\n")
                .contains("  Ready: True, Reason: Ready, Message: Certificate is up to date and has not expired\n")
                .contains("DNS Names:\n- app.private.example.net\n")
                .contains("Issuer:\n  Name: selfsigned\n  Kind: Issuer\n  Conditions:\n    Ready: True, Reason: IsReady")
                .contains("Secret:\n  Name: app-tls\n")
                .contains("  Serial Number: " + h.serial("app-tls").toString(16) + "\n")
                .contains("Not After: " + r.status().notAfter() + "\n")
                .contains("Renewal Time: " + r.status().renewalTime() + "\n")
                .contains("CertificateRequest:\n  Name: app-1\n")
                .contains("    Ready: True, Reason: Issued, Message: Certificate fetched from issuer successfully\n")
                .containsPattern("Normal +Issuing +3m +The certificate has been successfully issued");
    }

    @Test
    void theStoreSurvivesARestartAndTheNewAgentDoesNotReissue() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        CertificateRecord before = h.record("app");
        BigInteger serial = h.serial("app-tls");
        h.agent.close();

        h.advance(Duration.ofMinutes(10));
        h.open();
        assertThat(h.record("app").status()).isEqualTo(before.status());
        assertThat(h.step()).isEqualTo(1);
        CertificateRecord after = h.record("app");
        assertThat(after.status().revision()).isEqualTo(1);
        assertThat(after.status().conditions()).isEqualTo(before.status().conditions());
        assertThat(after.requests()).isEqualTo(before.requests());
        assertThat(h.serial("app-tls")).isEqualTo(serial);
    }

    @Test
    void anIssuerDefinedLaterSignsWithTheStoredNextKeyAfterARestart() {
        h.write("app.yaml", certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        CertificateRecord waiting = h.record("app");
        assertThat(ready(waiting).reason()).isEqualTo("IssuerNotFound");
        assertThat(ready(waiting).message()).isEqualTo("Referenced \"Issuer\" not found: issuer.cert-manager.io \"selfsigned\" not found");
        assertThat(h.data.resolve("certificates/default/app.next-key.pem")).exists();
        h.agent.close();

        h.open();
        h.write("issuer.yaml", SELF_SIGNED_ISSUER);
        h.advance(Duration.ofSeconds(10));
        h.step();
        CertificateRecord issued = h.record("app");
        assertThat(ready(issued).status()).as(issued.events().toString()).isEqualTo(ConditionStatus.True);
        assertThat(issued.requests()).extracting(RequestRecord::name).containsExactly("app-1"); // the same request, signed
    }

    @Test
    void rotationPolicyNeverReusesTheKeyOfTheSecret() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "app-tls", "selfsigned", "")
                .replace("privateKey: {algorithm: ECDSA, size: 256}", "privateKey: {algorithm: ECDSA, size: 256, rotationPolicy: Never}"));
        h.open();
        h.step();
        String key = h.key("app-tls");
        BigInteger serial = h.serial("app-tls");
        AgentStore.readOnly(h.data).requestRenewal("default", "app");
        h.advance(Duration.ofMinutes(1));
        h.step();
        assertThat(h.serial("app-tls")).isNotEqualTo(serial);
        assertThat(h.key("app-tls")).isEqualTo(key);
        assertThat(h.record("app").events()).extracting(AgentEvent::reason).contains("Reused");
    }

    @Test
    void twoAgentsOnOneDataDirectoryRefuseToRunTogether() {
        h.open();
        assertThatThrownBy(() -> Agent.open(h.settings, h.clock, new java.security.SecureRandom(), dev.stamp.core.crypto.CryptoProviders.jdk()))
                .isInstanceOf(AgentStoreException.class)
                .hasMessageContaining("another stamp agent is already running on the data directory " + h.data.toAbsolutePath());
    }

    @Test
    void aDeletedCertificateStopsBeingManagedAndItsSecretStays() {
        h.write("app.yaml", SELF_SIGNED_ISSUER);
        h.write("cert.yaml", certificate("app", "app-tls", "selfsigned", ""));
        h.open();
        h.step();
        h.delete("cert.yaml");
        h.step();
        assertThat(h.agent.record("default", "app")).isEmpty();
        assertThat(AgentStore.readOnly(h.data).load("default", "app")).isEmpty();
        assertThat(h.secretDir("app-tls").resolve("tls.crt")).exists();
        assertThat(h.agent.metrics()).doesNotContain("name=\"app\"");
    }

    @Test
    void twoCertificatesWithOneSecretNameAreNeitherIssued() {
        h.write("app.yaml", SELF_SIGNED_ISSUER + "---\n" + certificate("app", "shared-tls", "selfsigned", "")
                + "---\n" + certificate("web", "shared-tls", "selfsigned", ""));
        h.open();
        h.step();
        assertThat(h.record("app").events()).extracting(AgentEvent::reason).containsExactly("DuplicateSecretName");
        assertThat(h.record("web").nextRun()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(3)));
        assertThat(h.output.resolve("default/shared-tls")).doesNotExist();
    }
}
