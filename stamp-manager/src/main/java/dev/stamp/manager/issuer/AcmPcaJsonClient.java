package dev.stamp.manager.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;

/**
 * The AWS Private CA API over AWS JSON 1.1 ({@code POST /}, {@code X-Amz-Target: ACMPrivateCA.<Operation>}), each
 * request signed with the SDK's own SigV4 signer and sent through an SDK HTTP client. Thread-safe.
 */
final class AcmPcaJsonClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SdkHttpClient http;
    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final Clock clock;

    AcmPcaJsonClient(SdkHttpClient http, URI endpoint, String region, AwsCredentialsProvider credentials, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Calls {@code operation}; AwsError for an answer with an error type, IOException when there is no answer. */
    JsonNode call(String operation, ObjectNode input) throws AwsError, IOException {
        String body = input.toString();
        URI uri = endpoint.resolve("/");
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "ACMPrivateCA." + operation)
                .build();
        SignedRequest signed;
        try {
            signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(credentials.resolveCredentials())
                    .request(request)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "acm-pca")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        } catch (RuntimeException e) {
            // no credentials to be found is a configuration error, not a transient one
            throw new AwsError("CredentialsError", "cannot sign the request: " + e.getMessage(), 0);
        }
        HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
        int status = response.httpResponse().statusCode();
        String text = "";
        if (response.responseBody().isPresent()) {
            try (InputStream in = response.responseBody().get()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        JsonNode answer;
        try {
            answer = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            if (status >= 400) throw new AwsError(status >= 500 ? "InternalFailure" : "HTTP" + status, "HTTP " + status, status);
            throw new IOException(operation + " answered a body that is not JSON", e);
        }
        if (status >= 300) {
            String type = answer.path("__type").asText("");
            if (type.isEmpty()) type = response.httpResponse().firstMatchingHeader("X-Amzn-ErrorType").orElse("");
            type = type.substring(type.lastIndexOf('#') + 1);
            if (type.contains(":")) type = type.substring(0, type.indexOf(':'));
            if (type.isEmpty()) type = status >= 500 ? "InternalFailure" : "HTTP" + status;
            String message = answer.has("message") ? answer.get("message").asText() : answer.path("Message").asText("HTTP " + status);
            throw new AwsError(type, message, status);
        }
        return answer;
    }
}
