package dev.stamp.cli;

import dev.stamp.manager.agent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stamp agent} started in-process on the system clock, then {@code status}, {@code renew} and {@code inspect}. */
class AgentCommandTest {
    @TempDir Path tmp;

    static final String MANIFESTS = """
            apiVersion: cert-manager.io/v1
            kind: Issuer
            metadata:
              name: selfsigned
            spec:
              selfSigned: {}
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: app
            spec:
              secretName: app-tls
              commonName: app.private.example.net
              dnsNames: [app.private.example.net]
              privateKey: {algorithm: ECDSA, size: 256}
              issuerRef: {name: selfsigned}
            """;

    record Run(int exit, String out, String err) {}

    private static Run stamp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    /** Waits for the running agent (no timing is asserted: the bound only keeps a broken agent from hanging the build). */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) return;
            Thread.sleep(100);
        }
        throw new AssertionError("the agent did not get there: " + what);
    }

    @Test
    void agentIssuesThenStatusRenewAndInspectWorkBesideIt() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        Path output = tmp.resolve("output");
        Path data = tmp.resolve("data");
        Files.writeString(config.resolve("app.yaml"), MANIFESTS);
        AgentCommand command = new AgentCommand();
        new CommandLine(command).parseArgs("--config", config.toString(), "--output", output.toString(), "--data", data.toString(),
                "--metrics-listen", "127.0.0.1:0");
        StringWriter started = new StringWriter();
        try (Agent agent = command.start(new PrintWriter(started, true), Map.of())) {
            assertThat(started.toString()).contains("stamp agent running", "metrics: http://127.0.0.1:");
            Path crt = output.resolve("default/app-tls/tls.crt");
            await("app-tls written", () -> Files.exists(crt));
            await("status saved", () -> stamp("agent", "status", "app", "--data", data.toString()).out().contains("Ready: True"));

            Run status = stamp("agent", "status", "app", "--data", data.toString());
            assertThat(status.exit()).as(status.err()).isZero();
            assertThat(status.out()).contains("Name: app", "Namespace: default", "Ready: True, Reason: Ready",
                    "- app.private.example.net", "CertificateRequest:\n  Name: app-1");
            String firstCert = Files.readString(crt);

            Run renew = stamp("agent", "renew", "app", "--data", data.toString());
            assertThat(renew.exit()).as(renew.err()).isZero();
            assertThat(renew.out()).contains("Manually triggered issuance of Certificate default/app");
            await("app renewed", () -> stamp("agent", "status", "app", "--data", data.toString()).out().contains("Name: app-2"));
            assertThat(Files.readString(crt)).isNotEqualTo(firstCert);

            // a manifest added while the agent runs is picked up without a restart; an invalid one is reported
            Files.writeString(config.resolve("web.yaml"), MANIFESTS.substring(MANIFESTS.indexOf("---") + 4)
                    .replace("name: app", "name: web").replace("app-tls", "web-tls").replace("app.private", "web.private"));
            Files.writeString(config.resolve("bad.yaml"), MANIFESTS.substring(MANIFESTS.indexOf("---") + 4)
                    .replace("name: app", "name: bad").replace("app-tls", "bad-tls").replace("commonName: app", "duration: 30m\n  commonName: app"));
            await("web written", () -> Files.exists(output.resolve("default/web-tls/tls.crt")));
            await("bad reported", () -> stamp("agent", "status", "--data", data.toString()).out().contains("bad.yaml"));
            assertThat(stamp("agent", "status", "--data", data.toString()).out()).contains("spec.duration: Invalid value: 30m0s");

            Run inspect = stamp("agent", "inspect", output.resolve("default/app-tls").toString());
            assertThat(inspect.exit()).as(inspect.err()).isZero();
            assertThat(inspect.out()).contains("Valid for:", "app.private.example.net", "Serial Number:");

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("certmanager_certificate_ready_status{condition=\"True\",issuer_group=\"cert-manager.io\","
                    + "issuer_kind=\"Issuer\",issuer_name=\"selfsigned\",name=\"app\",namespace=\"default\"} 1");

            Run notManaged = stamp("agent", "status", "nope", "--data", data.toString());
            assertThat(notManaged.exit()).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(notManaged.out()).contains("Certificate default/nope is not managed by this agent");

            Run unknown = stamp("agent", "renew", "nope", "--data", data.toString());
            assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(unknown.err()).contains("Certificate default/nope is not managed");

            Run second = stamp("agent", "--config", config.toString(), "--output", output.toString(), "--data", data.toString(),
                    "--metrics-listen", "none");
            assertThat(second.exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(second.err()).contains("another stamp agent is already running");
        }
    }

    @Test
    void runningWithoutConfigOrOutputIsAUsageError() {
        Run r = stamp("agent", "--output", tmp.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--config DIR is required");
    }

    @Test
    void aBackoffThatIsNotAGoDurationOrShorterThanItsMinimumIsAUsageErrorNamingIt() throws Exception {
        Path config = Files.createDirectories(tmp.resolve("backoff-config"));
        Run days = stamp("agent", "--config", config.toString(), "--output", tmp.resolve("out").toString(),
                "--certificate-request-minimum-backoff-duration", "2d");
        assertThat(days.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(days.err()).contains("--certificate-request-minimum-backoff-duration").contains("\"2d\"");
        Run inverted = stamp("agent", "--config", config.toString(), "--output", tmp.resolve("out").toString(),
                "--certificate-request-minimum-backoff-duration", "2h", "--certificate-request-maximum-backoff-duration", "30m");
        assertThat(inverted.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(inverted.err()).contains("--certificate-request-maximum-backoff-duration 30m is shorter than the minimum 2h");
    }
}
