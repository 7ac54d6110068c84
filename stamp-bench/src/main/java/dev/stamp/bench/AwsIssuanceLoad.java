package dev.stamp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load generator for the AWS-compatible API: a fixed number of clients, each doing IssueCertificate then
 * GetCertificate (what aws-privateca-issuer does per certificate) over its own keep-alive connection for a fixed
 * time, every request signed with SigV4 by the AWS SDK for Java v2's own signer. Prints pairs per second, latency
 * percentiles of the pair and errors. The CSRs are those of the native API's benchmark bodies.
 *
 * <pre>java -cp benchmarks.jar dev.stamp.bench.AwsIssuanceLoad ENDPOINT REGION CA_ARN KEY_FILE TRUST_PEM BODIES [CLIENTS] [SECONDS] [WARMUP_SECONDS]</pre>
 * KEY_FILE holds {@code AWS_ACCESS_KEY_ID=...} and {@code AWS_SECRET_ACCESS_KEY=...} lines, as {@code stamp token
 * create --aws} prints them.
 */
public final class AwsIssuanceLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsIssuanceLoad() {}

    record Target(URI endpoint, String region, String caArn, String keyId, String secret) {}

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: AwsIssuanceLoad ENDPOINT REGION CA_ARN KEY_FILE TRUST_PEM BODIES [CLIENTS=16] [SECONDS=20] [WARMUP_SECONDS=5]");
            System.exit(2);
        }
        URI endpoint = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
        if (!"127.0.0.1".equals(endpoint.getHost()) && !"localhost".equals(endpoint.getHost())) {
            throw new IllegalArgumentException("loopback only, not " + endpoint.getHost());
        }
        Properties key = new Properties();
        try (var in = Files.newBufferedReader(Path.of(args[3]))) {
            key.load(in);
        }
        Target target = new Target(endpoint, args[1], args[2], key.getProperty("AWS_ACCESS_KEY_ID"), key.getProperty("AWS_SECRET_ACCESS_KEY"));
        SSLContext tls = ClosedLoop.trusting(Path.of(args[4]));
        List<String> csrs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[5]))) {
            csrs.add(Base64.getEncoder().encodeToString(JSON.readTree(line).get("csr").asText().getBytes(StandardCharsets.US_ASCII)));
        }
        int clients = args.length > 6 ? Integer.parseInt(args[6]) : 16;
        int seconds = args.length > 7 ? Integer.parseInt(args[7]) : 20;
        int warmup = args.length > 8 ? Integer.parseInt(args[8]) : 5;

        AtomicInteger next = new AtomicInteger();
        ClosedLoop.Result r = ClosedLoop.run(tls, clients, warmup, seconds, http -> {
            String csr = csrs.get(Math.floorMod(next.getAndIncrement(), csrs.size()));
            long notAfter = System.currentTimeMillis() / 1000 + 30L * 86400;
            String issue = "{\"CertificateAuthorityArn\":\"" + target.caArn() + "\",\"Csr\":\"" + csr
                    + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Type\":\"ABSOLUTE\",\"Value\":" + notAfter + "}}";
            JsonNode arn = call(http, target, "IssueCertificate", issue).get("CertificateArn");
            if (arn == null) return "IssueCertificate answered no CertificateArn";
            JsonNode got = call(http, target, "GetCertificate", "{\"CertificateAuthorityArn\":\"" + target.caArn()
                    + "\",\"CertificateArn\":\"" + arn.asText() + "\"}");
            return got.path("Certificate").asText().contains("BEGIN CERTIFICATE") && got.has("CertificateChain") ? null : "GetCertificate: " + got;
        });
        System.out.printf("clients=%d seconds=%d pairs=%d errors=%d%n", clients, seconds, r.count(), r.errors());
        System.out.printf("pairs_per_second=%.0f%n", r.count() / (double) seconds);
        System.out.printf("p50_ms=%.2f p99_ms=%.2f%n", r.percentile(50), r.percentile(99));
        if (r.firstError() != null) System.out.println("first_error=" + r.firstError());
    }

    /** One signed AWS JSON 1.1 call; the parsed answer, or an exception naming the AWS error. */
    private static JsonNode call(HttpClient http, Target target, String operation, String body) throws Exception {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(target.endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "ACMPrivateCA." + operation).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(target.keyId(), target.secret()))
                .request(unsigned)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "acm-pca")
                .putProperty(AwsV4HttpSigner.REGION_NAME, target.region()));
        HttpRequest.Builder b = HttpRequest.newBuilder(target.endpoint()).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) values.forEach(v -> b.header(name, v));
        });
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(operation + " HTTP " + response.statusCode() + ": " + response.body());
        return JSON.readTree(response.body());
    }
}
