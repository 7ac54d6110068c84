package dev.stamp.cli;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.manager.agent.Agent;
import dev.stamp.manager.agent.AgentSettings;
import dev.stamp.manager.agent.AgentStore;
import dev.stamp.manager.agent.AgentStoreException;
import dev.stamp.manager.agent.CertificateRecord;
import dev.stamp.manager.agent.StatusReport;
import dev.stamp.manager.issuer.AwsPcaSettings;
import dev.stamp.manager.manifest.GoDuration;
import dev.stamp.manager.policy.Backoff;
import dev.stamp.manager.secret.SecretDirectory;
import dev.stamp.manager.secret.SecretInspector;
import dev.stamp.manager.spec.ObjectMeta;
import dev.stamp.manager.spec.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code stamp agent}: cert-manager on a host. Runs until SIGTERM, reading Certificates and issuers from
 * {@code --config} and writing Secrets under {@code --output}; {@code status}, {@code renew} and {@code inspect} work
 * beside a running agent through its data directory.
 */
@Command(name = "agent", description = "Run the certificate agent: issue and renew the Certificates of a directory of cert-manager manifests.",
        subcommands = {AgentCommand.Status.class, AgentCommand.Renew.class, AgentCommand.Inspect.class})
final class AgentCommand implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", description = "Directory of manifests (*.yaml, *.yml): Certificates, Issuers, ClusterIssuers, AWSPCA and Stamp issuers. Watched.")
    Path config;

    @Option(names = "--output", paramLabel = "DIR", description = "Where Secrets are written, as <DIR>/<namespace>/<secretName>/.")
    Path output;

    @Option(names = "--data", paramLabel = "DIR", description = "The agent's own state (default: ./stamp-agent-data).")
    Path data;

    @Option(names = "--metrics-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9402",
            description = "Prometheus metrics listener, /metrics (default: ${DEFAULT-VALUE}; 'none' turns it off).")
    String metricsListen;

    @Option(names = "--reload-command", paramLabel = "CMD",
            description = "Shell command run after a Secret changed (a Certificate's stamp.dev/reload-command annotation wins), e.g. 'nginx -s reload'.")
    String reloadCommand;

    @Option(names = "--default-namespace", paramLabel = "NS", defaultValue = AgentSettings.DEFAULT_NAMESPACE,
            description = "Namespace of manifests that name none (default: ${DEFAULT-VALUE}).")
    String defaultNamespace;

    @Option(names = "--cluster-resource-namespace", paramLabel = "NS", defaultValue = AgentSettings.DEFAULT_CLUSTER_RESOURCE_NAMESPACE,
            description = "Namespace of the Secrets ClusterIssuers read (default: ${DEFAULT-VALUE}).")
    String clusterResourceNamespace;

    @Option(names = "--aws-endpoint-url", paramLabel = "URL",
            description = "Endpoint of the AWS Private CA and STS APIs, e.g. a Stamp server (default: $AWS_ENDPOINT_URL_ACM_PCA, $AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL).")
    String awsEndpointUrl;

    @Option(names = "--aws-ca-bundle", paramLabel = "FILE", description = "PEM CA certificates to trust for the AWS endpoints' TLS (default: $AWS_CA_BUNDLE).")
    Path awsCaBundle;

    @Option(names = "--aws-region", paramLabel = "REGION", description = "Region when an AWSPCA issuer names none (default: $AWS_REGION).")
    String awsRegion;

    @Option(names = "--certificate-request-minimum-backoff-duration", paramLabel = "DURATION", defaultValue = "1h",
            description = "Delay after the first failed issuance, doubling with each failure (Go duration, as cert-manager's flag; default: ${DEFAULT-VALUE}).")
    String minimumBackoff;

    @Option(names = "--certificate-request-maximum-backoff-duration", paramLabel = "DURATION", defaultValue = "32h",
            description = "Longest delay between failed issuances (default: ${DEFAULT-VALUE}).")
    String maximumBackoff;

    @Override
    public Integer call() throws InterruptedException {
        Agent agent = start(spec.commandLine().getOut(), System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } finally {
                if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) logback.stop();
                stopped.countDown();
            }
        }, "stamp-agent-stop"));
        stopped.await();
        return 0;
    }

    /** Builds the settings from the flags and the environment, opens the agent and starts it. */
    Agent start(PrintWriter out, Map<String, String> env) {
        AgentSettings settings = settings(env);
        Agent agent;
        try {
            agent = Agent.open(settings, Clock.systemUTC(), new SecureRandom(), CryptoProviders.detect());
        } catch (AgentStoreException e) {
            throw new UserError(e.getMessage(), e);
        }
        try {
            agent.start();
        } catch (RuntimeException e) {
            agent.close();
            throw new UserError(e.getMessage(), e);
        }
        out.println("stamp agent running");
        out.println("  config:  " + settings.configDir().toAbsolutePath());
        out.println("  output:  " + settings.outputDir().toAbsolutePath());
        out.println("  data:    " + settings.dataDir().toAbsolutePath());
        if (agent.metricsPort() >= 0) {
            out.println("  metrics: http://" + settings.metricsListen().getHostString() + ":" + agent.metricsPort() + "/metrics");
        }
        out.flush();
        return agent;
    }

    AgentSettings settings(Map<String, String> env) {
        if (config == null) throw new UserError("--config DIR is required (the directory of Certificate and issuer manifests)");
        if (output == null) throw new UserError("--output DIR is required (where Secrets are written)");
        if (!Files.isDirectory(config)) throw new UserError("--config " + config + " is not a directory");
        InetSocketAddress metrics = null;
        if (!metricsListen.equals("none")) {
            try {
                metrics = AgentSettings.address(metricsListen);
            } catch (IllegalArgumentException e) {
                throw new UserError("--metrics-listen: " + e.getMessage());
            }
        }
        AwsPcaSettings fromEnv = AwsPcaSettings.fromEnvironment(env);
        AwsPcaSettings aws = new AwsPcaSettings(awsEndpointUrl != null ? awsEndpointUrl : fromEnv.acmPcaEndpoint(),
                awsEndpointUrl != null ? awsEndpointUrl : fromEnv.stsEndpoint(), fromEnv.endpoint(),
                awsRegion != null ? awsRegion : fromEnv.region(),
                awsCaBundle != null ? awsCaBundle.toAbsolutePath().toString() : fromEnv.caBundle());
        Backoff backoff = backoff(minimumBackoff, maximumBackoff);
        try {
            return new AgentSettings(config, output, data, defaultNamespace, clusterResourceNamespace, reloadCommand, metrics, backoff, null, aws);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static Backoff backoff(String minimum, String maximum) {
        java.time.Duration min = goDuration("--certificate-request-minimum-backoff-duration", minimum);
        java.time.Duration max = goDuration("--certificate-request-maximum-backoff-duration", maximum);
        if (!min.isPositive()) throw new UserError("--certificate-request-minimum-backoff-duration must be positive, got " + minimum);
        if (max.compareTo(min) < 0) {
            throw new UserError("--certificate-request-maximum-backoff-duration " + maximum + " is shorter than the minimum " + minimum);
        }
        return new Backoff(min, max);
    }

    private static java.time.Duration goDuration(String option, String value) {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    private static AgentStore readOnly(Path data) {
        try {
            return AgentStore.readOnly(data == null ? AgentSettings.DEFAULT_DATA : data);
        } catch (AgentStoreException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    @Command(name = "status", description = "Show a Certificate as 'cmctl status certificate' does (all of them without NAME), and any invalid manifest.")
    static final class Status implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "The Certificate's name.")
        String name;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Its namespace (default: default, or every namespace without NAME).")
        String namespace;

        @Option(names = "--data", paramLabel = "DIR", description = "The agent's data directory (default: ./stamp-agent-data).")
        Path data;

        @Override
        public Integer call() {
            AgentStore store = readOnly(data);
            List<CertificateRecord> records = store.loadAll();
            var snapshot = store.loadSnapshot();
            Path outputDir = snapshot.outputPath();
            var secrets = outputDir == null ? (dev.stamp.manager.spec.SecretSource) (ns, n) -> Optional.empty() : new SecretDirectory(outputDir);
            Optional<String> ns = Optional.ofNullable(namespace).or(() -> name == null ? Optional.empty() : Optional.of(AgentSettings.DEFAULT_NAMESPACE));
            String text = StatusReport.render(records, snapshot, secrets, Instant.now(), ns, Optional.ofNullable(name));
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
            boolean unknown = name != null && records.stream().noneMatch(r -> r.name().equals(name) && r.namespace().equals(ns.orElseThrow()));
            return unknown ? ExitCodes.NOT_FOUND : 0;
        }
    }

    @Command(name = "renew", description = "Re-issue Certificates now, skipping any failure backoff, as 'cmctl renew' does.")
    static final class Renew implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Certificates to renew.")
        List<String> names;

        @Option(names = "--all", description = "Renew every Certificate (of --namespace, if given).")
        boolean all;

        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace of the names (default: default).")
        String namespace;

        @Option(names = "--data", paramLabel = "DIR", description = "The agent's data directory (default: ./stamp-agent-data).")
        Path data;

        @Override
        public Integer call() {
            boolean someNames = names != null && !names.isEmpty();
            if (all == someNames) throw new UserError("give either Certificate names or --all");
            AgentStore store = readOnly(data);
            List<CertificateRecord> records = store.loadAll();
            PrintWriter out = spec.commandLine().getOut();
            if (all && namespace == null) {
                store.requestRenewalOfAll();
                out.println("Manually triggered issuance of all Certificates");
                return 0;
            }
            String ns = namespace == null ? AgentSettings.DEFAULT_NAMESPACE : namespace;
            List<String> targets = all ? records.stream().filter(r -> r.namespace().equals(ns)).map(CertificateRecord::name).toList() : names;
            for (String n : targets) {
                if (records.stream().noneMatch(r -> r.namespace().equals(ns) && r.name().equals(n))) {
                    throw new UserError("Certificate " + ns + "/" + n + " is not managed by the agent of " + store.dir());
                }
            }
            for (String n : targets) {
                store.requestRenewal(ns, n);
                out.println("Manually triggered issuance of Certificate " + ns + "/" + n);
            }
            return 0;
        }
    }

    @Command(name = "inspect", description = "Decode a Secret directory written by the agent, as 'cmctl inspect secret' does.")
    static final class Inspect implements Callable<Integer> {
        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The Secret's directory, <output>/<namespace>/<secretName>.")
        Path dir;

        @Override
        public Integer call() {
            Path abs = dir.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) throw new UserError("Secret directory " + dir + " does not exist");
            Secret secret = read(abs);
            try {
                spec.commandLine().getOut().print(new SecretInspector().describe(secret, Instant.now()));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        /** Through {@link SecretDirectory} when the path is <root>/<namespace>/<name>, else the plain files in it. */
        private static Secret read(Path abs) {
            Path ns = abs.getParent();
            if (ns != null && ns.getParent() != null) {
                try {
                    Optional<Secret> s = new SecretDirectory(ns.getParent()).get(ns.getFileName().toString(), abs.getFileName().toString());
                    if (s.isPresent()) return s.get();
                } catch (IllegalArgumentException e) {
                    // not a namespace/name path: read the files as they are
                }
            }
            Map<String, byte[]> data = new LinkedHashMap<>();
            try (Stream<Path> files = Files.list(abs)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                    data.put(f.getFileName().toString(), Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UserError("cannot read " + abs + ": " + e.getMessage(), e);
            }
            return new Secret(ObjectMeta.of("", abs.getFileName().toString()), Secret.TLS_TYPE, data);
        }
    }
}
