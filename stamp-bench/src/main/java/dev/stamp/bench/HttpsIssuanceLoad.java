package dev.stamp.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /** What one client saw in the measured interval. */
    record ClientResult(long[] latenciesNanos, int count, int errors, String firstError) {}

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
        SSLContext tls = trusting(Path.of(args[2]));
        List<String> bodies = Files.readAllLines(Path.of(args[3]));
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 5;

        AtomicInteger next = new AtomicInteger();
        long warmEnd = System.nanoTime() + Duration.ofSeconds(warmup).toNanos();
        long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
        List<ClientResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                // One HttpClient per client: one connection each, kept alive, as wrk's connections.
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                futures.add(pool.submit(() -> run(http, url, token, bodies, next, warmEnd, end)));
            }
            for (Future<ClientResult> f : futures) results.add(f.get());
        }
        report(results, seconds, clients);
    }

    private static ClientResult run(HttpClient http, URI url, String token, List<String> bodies, AtomicInteger next,
                                    long warmEnd, long end) {
        long[] latencies = new long[1 << 16];
        int count = 0;
        int errors = 0;
        String firstError = null;
        long now;
        while ((now = System.nanoTime()) < end) {
            String body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long start = now;
            String error = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201 || !response.body().contains("BEGIN CERTIFICATE")) {
                    error = "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                error = e.toString();
            }
            long done = System.nanoTime();
            if (start < warmEnd || done > end) continue; // only requests wholly inside the measured interval
            if (error != null) {
                errors++;
                if (firstError == null) firstError = error;
                continue;
            }
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = done - start;
        }
        return new ClientResult(latencies, count, errors, firstError);
    }

    private static void report(List<ClientResult> results, int seconds, int clients) {
        int total = results.stream().mapToInt(ClientResult::count).sum();
        int errors = results.stream().mapToInt(ClientResult::errors).sum();
        long[] all = sortedLatencies(results);
        System.out.printf("clients=%d seconds=%d issued=%d errors=%d%n", clients, seconds, total, errors);
        System.out.printf("certs_per_second=%.0f%n", total / (double) seconds);
        System.out.printf("p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f%n",
                percentile(all, 50), percentile(all, 90), percentile(all, 99), all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        results.stream().map(ClientResult::firstError).filter(e -> e != null).findFirst()
                .ifPresent(e -> System.out.println("first_error=" + e));
    }

    /** Every client's latencies, sorted. */
    static long[] sortedLatencies(List<ClientResult> results) {
        long[] all = new long[results.stream().mapToInt(ClientResult::count).sum()];
        int at = 0;
        for (ClientResult r : results) {
            System.arraycopy(r.latenciesNanos(), 0, all, at, r.count());
            at += r.count();
        }
        Arrays.sort(all);
        return all;
    }

    /** Nearest-rank percentile in milliseconds. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static SSLContext trusting(Path pem) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (var cert : x509.generateCertificates(in)) anchors.setCertificateEntry("anchor-" + i++, (X509Certificate) cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(anchors);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }
}
