package dev.stamp.it.seed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code stamp agent} as its own process over a config, output and data directory of the test, with the AWS
 * endpoints given the way an operator gives them to the AWS SDKs (AWS_ENDPOINT_URL_ACM_PCA, AWS_ENDPOINT_URL_STS,
 * AWS_CA_BUNDLE); its companions {@code status} and {@code renew} run as one-shot commands on the same data directory.
 */
final class AgentProcess implements AutoCloseable {
    final Path config;
    final Path output;
    final Path data;
    final Path log;
    private final StampJar stamp;
    private final Path dir;
    private final Process process;

    private AgentProcess(StampJar stamp, Path dir, Path config, Path output, Path data, Path log, Process process) {
        this.stamp = stamp;
        this.dir = dir;
        this.config = config;
        this.output = output;
        this.data = data;
        this.log = log;
        this.process = process;
    }

    static AgentProcess start(StampJar stamp, Path dir, Path config, Path output, Map<String, String> env, String... options) {
        Path data = dir.resolve("agent-data");
        Path log = dir.resolve("agent.log");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("agent", "--config", config.toString(),
                "--output", output.toString(), "--data", data.toString(), "--metrics-listen", "127.0.0.1:0"));
        args.addAll(java.util.List.of(options));
        Process process = Command.start(dir, env, stamp.command(args.toArray(String[]::new)), log);
        return new AgentProcess(stamp, dir, config, output, data, log, process);
    }

    /** The Secret directory {@code <output>/<namespace>/<name>}. */
    Path secret(String namespace, String name) {
        return output.resolve(namespace).resolve(name);
    }

    /** Waits until the Secret's {@code tls.crt} exists, failing with the agent's log and status when it does not come. */
    Path awaitSecret(String namespace, String name, String certificate, Duration timeout) {
        Path secret = secret(namespace, name);
        try {
            return Waiting.until("stamp agent to write " + secret.resolve("tls.crt"), timeout, () -> {
                if (!process.isAlive()) throw new IllegalStateException("stamp agent exited with " + process.exitValue());
                return Files.exists(secret.resolve("tls.crt")) ? secret : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- stamp agent status " + certificate + "\n" + status(certificate).output()
                    + "\n--- agent log\n" + ServerProcess.read(log), e);
        }
    }

    Command.Result status(String name) {
        return stamp.run(dir, Map.of(), "agent", "status", name, "--data", data.toString());
    }

    Command.Result renew(String name) {
        return stamp.run(dir, Map.of(), "agent", "renew", name, "--data", data.toString());
    }

    Command.Result inspect(Path secret) {
        return stamp.run(dir, Map.of(), "agent", "inspect", secret.toString());
    }

    @Override
    public void close() {
        Command.stop(process);
    }
}
