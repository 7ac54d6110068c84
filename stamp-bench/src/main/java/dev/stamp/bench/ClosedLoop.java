package dev.stamp.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The shared driver of the HTTPS load clients: a fixed number of clients, each with its own keep-alive HTTP/1.1
 * connection (as wrk's connections), doing one unit of work after another for a warm-up, then a measured interval.
 * Only units wholly inside the interval count; every latency is kept (no sampling) for exact percentiles.
 */
final class ClosedLoop {
    /** One unit of work (a request, or a pair of them): null when it succeeded, else what went wrong. */
    @FunctionalInterface
    interface Unit {
        String run(HttpClient http) throws Exception;
    }

    /** What one client saw in the measured interval. */
    record ClientResult(long[] latenciesNanos, int count, int errors, String firstError) {}

    /** What all clients saw: counts, sorted latencies and the first error. */
    record Result(int count, int errors, long[] sortedLatencies, String firstError) {
        /** Nearest-rank percentile in milliseconds. */
        double percentile(double p) {
            if (sortedLatencies.length == 0) return 0;
            int rank = (int) Math.ceil(p / 100 * sortedLatencies.length);
            return sortedLatencies[Math.max(0, rank - 1)] / 1e6;
        }

        double maxMillis() {
            return sortedLatencies.length == 0 ? 0 : sortedLatencies[sortedLatencies.length - 1] / 1e6;
        }
    }

    private ClosedLoop() {}

    static Result run(SSLContext tls, int clients, int warmupSeconds, int seconds, Unit unit) throws Exception {
        long warmEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
        long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
        List<ClientResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<ClientResult>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                futures.add(pool.submit(() -> client(http, unit, warmEnd, end)));
            }
            for (Future<ClientResult> f : futures) results.add(f.get());
        }
        long[] all = new long[results.stream().mapToInt(ClientResult::count).sum()];
        int at = 0;
        for (ClientResult r : results) {
            System.arraycopy(r.latenciesNanos(), 0, all, at, r.count());
            at += r.count();
        }
        Arrays.sort(all);
        return new Result(all.length, results.stream().mapToInt(ClientResult::errors).sum(), all,
                results.stream().map(ClientResult::firstError).filter(e -> e != null).findFirst().orElse(null));
    }

    private static ClientResult client(HttpClient http, Unit unit, long warmEnd, long end) {
        long[] latencies = new long[1 << 16];
        int count = 0;
        int errors = 0;
        String firstError = null;
        long start;
        while ((start = System.nanoTime()) < end) {
            String error;
            try {
                error = unit.run(http);
            } catch (Exception e) {
                if (e instanceof InterruptedException) Thread.currentThread().interrupt();
                error = e.toString();
            }
            long done = System.nanoTime();
            if (start < warmEnd || done > end) continue; // only units wholly inside the measured interval
            if (error != null) {
                errors++;
                if (firstError == null) firstError = error.length() > 300 ? error.substring(0, 300) + "..." : error;
                continue;
            }
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = done - start;
        }
        return new ClientResult(latencies, count, errors, firstError);
    }

    /** TLS trusting the PEM certificates in {@code pem} (the server's root). */
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
