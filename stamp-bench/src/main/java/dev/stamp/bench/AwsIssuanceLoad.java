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
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        SSLContext tls = HttpsIssuanceLoad.trusting(Path.of(args[4]));
        List<String> csrs = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[5]))) {
            csrs.add(Base64.getEncoder().encodeToString(JSON.readTree(line).get("csr").asText().getBytes(StandardCharsets.US_ASCII)));
        }
        int clients = args.length > 6 ? Integer.parseInt(args[6]) : 16;
        int seconds = args.length > 7 ? Integer.parseInt(args[7]) : 20;
        int warmup = args.length > 8 ? Integer.parseInt(args[8]) : 5;

        AtomicInteger next = new AtomicInteger();
        long warmEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
        List<HttpsIssuanceLoad.ClientResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<HttpsIssuanceLoad.ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                futures.add(pool.submit(() -> run(http, target, csrs, next, warmEnd, end)));
            }
            for (Future<HttpsIssuanceLoad.ClientResult> f : futures) results.add(f.get());
        }
        int total = results.stream().mapToInt(HttpsIssuanceLoad.ClientResult::count).sum();
        int errors = results.stream().mapToInt(HttpsIssuanceLoad.ClientResult::errors).sum();
        long[] all = HttpsIssuanceLoad.sortedLatencies(results);
        System.out.printf("clients=%d seconds=%d pairs=%d errors=%d%n", clients, seconds, total, errors);
        System.out.printf("pairs_per_second=%.0f%n", total / (double) seconds);
        System.out.printf("p50_ms=%.2f p99_ms=%.2f%n", HttpsIssuanceLoad.percentile(all, 50), HttpsIssuanceLoad.percentile(all, 99));
        results.stream().map(HttpsIssuanceLoad.ClientResult::firstError).filter(e -> e != null).findFirst().ifPresent(e -> System.out.println("first_error=" + e));
    }

    private static HttpsIssuanceLoad.ClientResult run(HttpClient http, Target target, List<String> csrs, AtomicInteger next, long warmEnd, long end) {
        long[] latencies = new long[1 << 16];
        int count = 0;
        int errors = 0;
        String firstError = null;
        long now;
        while ((now = System.nanoTime()) < end) {
            String csr = csrs.get(Math.floorMod(next.getAndIncrement(), csrs.size()));
            long notAfter = System.currentTimeMillis() / 1000 + 30L * 86400;
            String error = null;
            try {
                String issue = "{\"CertificateAuthorityArn\":\"" + target.caArn() + "\",\"Csr\":\"" + csr
                        + "\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Validity\":{\"Type\":\"ABSOLUTE\",\"Value\":" + notAfter + "}}";
                JsonNode issued = call(http, target, "IssueCertificate", issue);
                JsonNode arn = issued.get("CertificateArn");
                if (arn == null) throw new IllegalStateException("IssueCertificate: " + issued);
                JsonNode got = call(http, target, "GetCertificate", "{\"CertificateAuthorityArn\":\"" + target.caArn()
                        + "\",\"CertificateArn\":\"" + arn.asText() + "\"}");
                if (!got.path("Certificate").asText().contains("BEGIN CERTIFICATE") || !got.has("CertificateChain")) {
                    throw new IllegalStateException("GetCertificate: " + got);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                error = e.toString();
            }
            long done = System.nanoTime();
            if (now < warmEnd || done > end) continue;
            if (error != null) {
                errors++;
                if (firstError == null) firstError = error.length() > 300 ? error.substring(0, 300) : error;
                continue;
            }
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = done - now;
        }
        return new HttpsIssuanceLoad.ClientResult(latencies, count, errors, firstError);
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
