package dev.stamp.it.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's AWS CLI against Stamp's AWS-compatible API: {@code aws acm-pca ... --endpoint-url URL --ca-bundle FILE}
 * with an access key Stamp made, and nothing read from the user's AWS configuration.
 */
record AwsCli(Path dir, String endpoint, Path caBundle, String region, String accessKeyId, String secretAccessKey) {
    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode acmPca(String... args) {
        List<String> command = new ArrayList<>(List.of(program(), "acm-pca"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--ca-bundle", caBundle.toString(), "--region", region,
                "--output", "json", "--no-cli-pager"));
        Command.Result result = Command.run(dir, environment(), command);
        if (result.exit() != 0) throw new AssertionError("aws acm-pca " + String.join(" ", args) + " failed:\n" + result.output());
        try {
            return result.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.output());
        } catch (IOException e) {
            throw new AssertionError("aws printed no JSON: " + result.output(), e);
        }
    }

    /** {@code acmPca(args)}, then the text at one JSON pointer of the answer (e.g. {@code /CertificateArn}). */
    String field(String field, String... args) {
        JsonNode answer = acmPca(args);
        JsonNode value = answer.at(field);
        if (value.isMissingNode()) throw new AssertionError("no " + field + " in the answer to " + String.join(" ", args) + ": " + answer);
        return value.asText();
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", accessKeyId);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("HOME", dir.toString());
        return env;
    }

    /** Debian's awscli (what CI installs), else whatever {@code aws} is on the PATH. */
    private static String program() {
        return Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    }

    @Override
    public String toString() {
        return "AwsCli[" + endpoint + ", key " + accessKeyId + "]"; // never the secret
    }
}
