package dev.stamp.manager.agent;

import java.nio.file.Path;
import java.util.List;

/**
 * What a running agent publishes beside the per-Certificate records, so that {@code stamp agent status} (another
 * process) can show it: where the Secrets are written, the manifests it could not use, and the issuers' last checks.
 */
public record AgentSnapshot(String outputDir, List<ManifestProblem> problems, List<IssuerState> issuers) {
    public static final AgentSnapshot EMPTY = new AgentSnapshot("", List.of(), List.of());

    public AgentSnapshot {
        outputDir = outputDir == null ? "" : outputDir;
        problems = List.copyOf(problems);
        issuers = List.copyOf(issuers);
    }

    public Path outputPath() {
        return outputDir.isEmpty() ? null : Path.of(outputDir);
    }
}
