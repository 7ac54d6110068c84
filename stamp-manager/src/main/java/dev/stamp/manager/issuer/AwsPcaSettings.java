package dev.stamp.manager.issuer;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What the AWS SDKs read from the environment, as a value the composition root builds (so tests inject it):
 * service endpoints ({@code AWS_ENDPOINT_URL_ACM_PCA}, {@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL},
 * else AWS's own URL for the region), the fallback region ({@code AWS_REGION}) and a PEM bundle to trust the
 * endpoints' TLS with ({@code AWS_CA_BUNDLE}; Stamp serves its own certificate). Any field may be null.
 */
public record AwsPcaSettings(String acmPcaEndpoint, String stsEndpoint, String endpoint, String region, String caBundle) {
    public static final AwsPcaSettings NONE = new AwsPcaSettings(null, null, null, null, null);

    public static AwsPcaSettings fromEnvironment(Map<String, String> env) {
        return new AwsPcaSettings(env.get("AWS_ENDPOINT_URL_ACM_PCA"), env.get("AWS_ENDPOINT_URL_STS"), env.get("AWS_ENDPOINT_URL"),
                env.get("AWS_REGION"), env.get("AWS_CA_BUNDLE"));
    }

    URI acmPca(String region) {
        return URI.create(first(acmPcaEndpoint, endpoint).orElse("https://acm-pca." + region + ".amazonaws.com"));
    }

    URI sts(String region) {
        return URI.create(first(stsEndpoint, endpoint).orElse("https://sts." + region + ".amazonaws.com"));
    }

    /** The issuer's region, else {@code AWS_REGION}, else aws-privateca-issuer's error. */
    String regionFor(String specRegion) {
        return first(specRegion, region).orElseThrow(() -> new IllegalArgumentException("no Region found in Issuer Spec"));
    }

    private static Optional<String> first(String a, String b) {
        if (a != null && !a.isBlank()) return Optional.of(a);
        if (b != null && !b.isBlank()) return Optional.of(b);
        return Optional.empty();
    }
}
