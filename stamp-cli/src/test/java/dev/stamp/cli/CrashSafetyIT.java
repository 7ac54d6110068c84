package dev.stamp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.audit.AuditChain;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.store.CertificateState;
import dev.stamp.core.testing.Csrs;
import dev.stamp.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety: the real server (the distributable jar) is killed with SIGKILL three times while clients issue and
 * revoke. After each restart every certificate and revocation a client saw acknowledged is stored, and the audit
 * chain verifies.
 */
class CrashSafetyIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Issuances each round acknowledges before its kill (one revocation at least, too). */
    static final int PER_ROUND = 8;
    @TempDir Path tmp;

    @Test
    void everyAcknowledgedIssuanceAndRevocationSurvivesKillNine() throws Exception {
        Path data = tmp.resolve("data");
        Set<BigInteger> issued = ConcurrentHashMap.newKeySet();
        Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
        String issuingId = null;
        byte[][] csrs = new byte[8][];
        for (int i = 0; i < csrs.length; i++) csrs[i] = Csrs.csr(Csrs.p256(), "CN=crash" + i, "crash" + i + ".example.test");

        for (int round = 0; round < 3; round++) {
            Process server = start(data);
            try {
                String apiBase = waitForApi(server);
                String token = Files.readString(data.resolve("admin.token")).strip();
                if (issuingId == null) issuingId = issuingCa(data);
                HttpClient client = client(data);
                String caId = issuingId;
                Thread[] load = new Thread[4];
                for (int t = 0; t < load.length; t++) {
                    int worker = t;
                    load[t] = Thread.ofPlatform().start(() -> drive(client, apiBase, token, caId, csrs, worker, issued, revoked));
                }
                awaitAcknowledged(issued, revoked, round);
            } finally {
                server.destroyForcibly(); // SIGKILL: no shutdown hook, no drain
                server.waitFor(30, TimeUnit.SECONDS);
            }
            Thread.sleep(200); // let the clients see their connections fail
        }

        System.out.printf("CrashSafetyIT: %d issuances and %d revocations acknowledged across 3 kills%n", issued.size(), revoked.size());
        assertThat(issued).hasSizeGreaterThan(10);
        assertThat(revoked).isNotEmpty();
        try (Database db = Database.sqlite(data)) {
            for (BigInteger serial : issued) {
                assertThat(db.stores().certificates().find(issuingId, serial))
                        .as("acknowledged certificate %s", serial.toString(16))
                        .hasValueSatisfying(r -> assertThat(r.state()).isEqualTo(CertificateState.ISSUED));
            }
            for (BigInteger serial : revoked) {
                assertThat(db.stores().revocations().find(issuingId, serial)).as("acknowledged revocation %s", serial.toString(16)).isPresent();
            }
            var head = db.stores().audit().head();
            assertThat(AuditChain.verify(db.stores().audit().entries(), head.sequence(), head.hash())).isEmpty();
        }
    }

    /**
     * Waits, instead of a fixed time that a loaded machine may not fill, until this round's clients had some
     * issuances and a revocation acknowledged; the kill then lands while they are still sending.
     */
    private static void awaitAcknowledged(Set<BigInteger> issued, Set<BigInteger> revoked, int round) throws InterruptedException {
        int issuedBefore = issued.size();
        int revokedBefore = revoked.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (issued.size() < issuedBefore + PER_ROUND || revoked.size() == revokedBefore) {
            assertThat(System.nanoTime() - deadline).as("round %d: %d issuances and %d revocations acknowledged in 60 s",
                    round, issued.size() - issuedBefore, revoked.size() - revokedBefore).isNegative();
            Thread.sleep(20);
        }
    }

    /** Issues certificates and revokes every third one until the server dies under it. */
    private static void drive(HttpClient client, String apiBase, String token, String caId, byte[][] csrs, int worker,
                              Set<BigInteger> issued, Set<BigInteger> revoked) {
        try {
            for (int i = 0; ; i++) {
                String body = JSON.createObjectNode().put("csr", Pem.encode("CERTIFICATE REQUEST", csrs[(worker + i) % csrs.length]))
                        .put("validity", "1d").toString();
                var r = client.send(request(apiBase + "/cas/" + caId + "/certificates", token, body), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 201) continue;
                BigInteger serial = new BigInteger(JSON.readTree(r.body()).get("serial").asText(), 16);
                issued.add(serial);
                if (i % 3 == 0) {
                    var rv = client.send(request(apiBase + "/cas/" + caId + "/certificates/" + serial.toString(16) + "/revoke", token,
                            "{\"reason\":\"superseded\"}"), HttpResponse.BodyHandlers.ofString());
                    if (rv.statusCode() == 200) revoked.add(serial);
                }
            }
        } catch (Exception serverGone) {
            // expected: the server was killed
        }
    }

    private static HttpRequest request(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private Process start(Path data) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", Path.of("target", "stamp.jar").toAbsolutePath().toString(),
                "server", "--data", data.toString(), "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0")
                .redirectErrorStream(true).start();
    }

    private static String waitForApi(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream()));
        Pattern api = Pattern.compile("API:\\s+(https://\\S+/api/v1)");
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = api.matcher(line);
            if (m.find()) {
                Thread.ofPlatform().daemon().start(() -> { try { out.transferTo(java.io.Writer.nullWriter()); } catch (Exception ignored) { } });
                return m.group(1);
            }
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }

    private static String issuingCa(Path data) {
        try (Database db = Database.sqlite(data)) {
            return db.stores().cas().list().stream().filter(c -> c.type() == CaType.SUBORDINATE).map(CertificateAuthority::id).findFirst().orElseThrow();
        }
    }

    /** Trusts the hierarchy's root, read from the database. */
    private static HttpClient client(Path data) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (Database db = Database.sqlite(data)) {
            List<CertificateAuthority> roots = db.stores().cas().list().stream().filter(c -> c.type() == CaType.ROOT).toList();
            for (CertificateAuthority root : roots) {
                trust.setCertificateEntry(root.id(), CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Pem.encoded(root.certificate()))));
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }
}
