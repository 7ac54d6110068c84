package dev.stamp.manager.agent;

import dev.stamp.manager.issuer.AwsPcaSettings;
import dev.stamp.manager.policy.Backoff;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@code stamp agent} runs: where manifests are read ({@code configDir}), Secrets written ({@code outputDir}) and
 * state kept ({@code dataDir}); the namespace for manifests without one, where ClusterIssuer Secrets live, the
 * default reload command (null: none), the metrics listener (null: none), the failure backoff, the reload hook's time
 * limit and the AWS endpoints. The CLI builds it, reading the environment there.
 */
public record AgentSettings(Path configDir, Path outputDir, Path dataDir, String defaultNamespace,
                            String clusterResourceNamespace, String reloadCommand, InetSocketAddress metricsListen,
                            Backoff backoff, Duration hookTimeout, AwsPcaSettings aws) {
    public static final Path DEFAULT_DATA = Path.of("stamp-agent-data");
    public static final String DEFAULT_NAMESPACE = "default";
    /** cert-manager's binary default for {@code --cluster-resource-namespace}. */
    public static final String DEFAULT_CLUSTER_RESOURCE_NAMESPACE = "kube-system";
    public static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofSeconds(30);
    public static final InetSocketAddress DEFAULT_METRICS = new InetSocketAddress("127.0.0.1", 9402);

    public AgentSettings {
        Objects.requireNonNull(configDir, "configDir");
        Objects.requireNonNull(outputDir, "outputDir");
        dataDir = dataDir == null ? DEFAULT_DATA : dataDir;
        defaultNamespace = defaultNamespace == null || defaultNamespace.isBlank() ? DEFAULT_NAMESPACE : defaultNamespace;
        clusterResourceNamespace = clusterResourceNamespace == null || clusterResourceNamespace.isBlank()
                ? DEFAULT_CLUSTER_RESOURCE_NAMESPACE : clusterResourceNamespace;
        reloadCommand = reloadCommand == null || reloadCommand.isBlank() ? null : reloadCommand;
        backoff = backoff == null ? Backoff.DEFAULT : backoff;
        hookTimeout = hookTimeout == null ? DEFAULT_HOOK_TIMEOUT : hookTimeout;
        aws = aws == null ? AwsPcaSettings.NONE : aws;
        if (!hookTimeout.isPositive()) throw new IllegalArgumentException("the reload hook timeout must be positive, got " + hookTimeout);
    }

    /** Settings with the defaults, for these three directories. */
    public static AgentSettings of(Path configDir, Path outputDir, Path dataDir) {
        return new AgentSettings(configDir, outputDir, dataDir, null, null, null, null, null, null, null);
    }

    public AgentSettings withReloadCommand(String command) {
        return new AgentSettings(configDir, outputDir, dataDir, defaultNamespace, clusterResourceNamespace, command, metricsListen,
                backoff, hookTimeout, aws);
    }

    /** Parses {@code HOST:PORT} (IPv6 in brackets); the error names the value. */
    public static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException("listen address \"" + hostPort + "\" is not HOST:PORT");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address \"" + hostPort + "\" has no numeric port");
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("listen address \"" + hostPort + "\" has port out of range");
        return new InetSocketAddress(host, port);
    }
}
