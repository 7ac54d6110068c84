package dev.stamp.bench;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load generator for issuance over HTTPS: a fixed number of clients, each sending one request at a time
 * over its own keep-alive HTTP/1.1 connection for a fixed time, rotating through pre-made CSR bodies. Prints
 * certificates per second, latency percentiles (from every request's time, sorted: no sampling) and errors.
 * Only 201 answers whose body carries a certificate count as issued; anything else is an error.
 *
 * <pre>java -cp benchmarks.jar dev.stamp.bench.HttpsIssuanceLoad URL TOKEN_FILE TRUST_PEM BODIES [CLIENTS] [SECONDS] [WARMUP_SECONDS]</pre>
 * URL is the issuing endpoint, e.g. {@code https://127.0.0.1:8443/api/v1/cas/ID/certificates}; TRUST_PEM the root
 * that the server's TLS certificate chains to.
 */
public final class HttpsIssuanceLoad {
    private HttpsIssuanceLoad() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: HttpsIssuanceLoad URL TOKEN_FILE TRUST_PEM BODIES [CLIENTS=16] [SECONDS=20] [WARMUP_SECONDS=5]");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        if (!"127.0.0.1".equals(url.getHost()) && !"localhost".equals(url.getHost()) && !"::1".equals(url.getHost())) {
            throw new IllegalArgumentException("loopback only, not " + url.getHost());
        }
        String token = Files.readString(Path.of(args[1])).strip();
        SSLContext tls = ClosedLoop.trusting(Path.of(args[2]));
        List<String> bodies = Files.readAllLines(Path.of(args[3]));
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 5;

        AtomicInteger next = new AtomicInteger();
        ClosedLoop.Result r = ClosedLoop.run(tls, clients, warmup, seconds, http -> {
            String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 && response.body().contains("BEGIN CERTIFICATE") ? null
                    : "HTTP " + response.statusCode() + ": " + response.body();
        });
        System.out.printf("clients=%d seconds=%d issued=%d errors=%d%n", clients, seconds, r.count(), r.errors());
        System.out.printf("certs_per_second=%.0f%n", r.count() / (double) seconds);
        System.out.printf("p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", r.percentile(50), r.percentile(90), r.percentile(99), r.maxMillis());
        if (r.firstError() != null) System.out.println("first_error=" + r.firstError());
    }

}
