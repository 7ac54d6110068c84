package dev.stamp.server.aws;

import dev.stamp.core.StampException;

import java.util.Objects;

/**
 * Where the AWS-compatible API says it runs: the region that SigV4 scopes and ARNs carry, and the 12-digit account
 * id in ARNs and in STS GetCallerIdentity. Clients must be configured with the same region.
 */
public record AwsSettings(String region, String account) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(account, "account");
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+|[a-z0-9-]{1,32}")) {
            throw StampException.invalidArgument("AWS region '" + region + "' is not a region name such as us-east-1");
        }
        if (!account.matches("\\d{12}")) throw StampException.invalidArgument("AWS account '" + account + "' must be 12 digits");
    }

    public static AwsSettings defaults() {
        return new AwsSettings(DEFAULT_REGION, DEFAULT_ACCOUNT);
    }
}
