package dev.stamp.server.aws;

import dev.stamp.core.token.AccessKeys;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the AWS-compatible endpoint needs beyond the server's own context: the access keys that sign its requests,
 * its region and account, and where audit reports are also written as files (null for none).
 */
public record AwsApi(AccessKeys keys, AwsSettings settings, Path reportDir) {
    public AwsApi {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(settings, "settings");
    }
}
