package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.Pki;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.ca.CreateCaRequest;
import dev.stamp.core.ca.RevocationConfiguration;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.issue.PublicEndpoints;
import dev.stamp.core.issue.Template;
import dev.stamp.core.issue.Validity;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.RevocationReason;
import dev.stamp.core.testing.Csrs;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.core.token.Role;
import dev.stamp.core.vault.KeyEncryptionKey;
import dev.stamp.core.vault.SoftwareKeyVault;
import dev.stamp.store.Database;
import dev.stamp.store.PostgresServer;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers, each with its own connection pool, key vault instance, OCSP cache and background publisher, over ONE
 * real PostgreSQL (as two processes would be): a revocation made through one shows in the other's CRL and OCSP answer
 * within 5 seconds (the requirement, so the deadline of the polls), one made by a process without a server is
 * published by the servers' watchers without any fetch, and under many revocations through both and concurrent
 * fetches from both no CRL number is ever served with two different contents.
 */
@ExtendWith(PostgresServer.class)
class TwoServersOnePostgresIT {
    static final Duration REQUIREMENT = Duration.ofSeconds(5);
    static final ObjectMapper JSON = new ObjectMapper();

    final PostgresServer.Running postgres;
    final String schema = "stamp_it_" + UUID.randomUUID().toString().replace("-", "");
    final List<AutoCloseable> open = new ArrayList<>();
    final SecureRandom random = new SecureRandom();

    TwoServersOnePostgresIT(PostgresServer.Running postgres) {
        this.postgres = postgres;
        postgres.createSchema(schema);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) c.close();
        postgres.dropSchema(schema);
    }

    /** One "process": its own pool, vault (same key file), core services on the real clock. */
    Pki process(Path kek) {
        Database db = Database.open(postgres.url(schema));
        open.add(db);
        SoftwareKeyVault vault = SoftwareKeyVault.open(db.stores().keys(), new KeyEncryptionKey.KeyFile(kek), TestPki.PROVIDERS, random);
        Pki pki = Pki.wire(db.stores(), vault, TestPki.PROVIDERS, Clock.systemUTC(), random, new PublicEndpoints("http://pki.test"));
        processes.put(pki, db);
        return pki;
    }

    final Map<Pki, Database> processes = new ConcurrentHashMap<>();

    record Node(StampServer server, HttpClient client) {
        URI api(String path) { return URI.create("https://localhost:" + server.apiPort() + "/api/v1" + path); }
        URI http(String path) { return URI.create("http://127.0.0.1:" + server.httpPort() + path); }
    }

    Node serve(Pki pki, String caId) throws Exception {
        Database db = processes.get(pki);
        ApiTokens tokens = new ApiTokens(db.apiTokens(), pki.stores().audit(), Clock.systemUTC(), random);
        TlsMaterial tls = ServerCertificates.issue(pki, caId, List.of("localhost", "127.0.0.1"), random);
        StampServer server = StampServer.start(new ServerContext(pki, tokens, Clock.systemUTC(), random, caId,
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), tls, null));
        open.add(server);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("root", tls.root());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return new Node(server, HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** Root and issuing CA made through process A, CRL and OCSP on. */
    CertificateAuthority hierarchy(Pki a) {
        CertificateAuthority root = a.authorities().createRoot(CreateCaRequest.of(CaType.ROOT, "CN=IT Root,O=Stamp Tests", KeyAlgorithm.EC_prime256v1),
                Validity.years(10), "test");
        CertificateAuthority issuing = a.authorities().createSubordinate(CreateCaRequest.of(CaType.SUBORDINATE, "CN=IT Issuing,O=Stamp Tests",
                KeyAlgorithm.EC_prime256v1), root.id(), Template.named("SubordinateCACertificate_PathLen0/V1"), Validity.years(5), "test");
        return a.authorities().updateRevocation(issuing.id(), RevocationConfiguration.crlAndOcsp(), "test");
    }

    String adminToken(Pki pki) {
        return new ApiTokens(processes.get(pki).apiTokens(), pki.stores().audit(), Clock.systemUTC(), random)
                .create(Role.ADMIN, List.of(), "it admin", "test").secret();
    }

    static JsonNode send(Node node, String method, String path, String token, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(node.api(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<String> response = node.client().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    static JsonNode issue(Node node, String token, String caId, String name) throws Exception {
        String csr = Pem.encode("CERTIFICATE REQUEST", Csrs.csr(Csrs.p256(), "CN=" + name, name));
        return send(node, "POST", "/cas/" + caId + "/certificates", token,
                JSON.createObjectNode().put("csr", csr).put("validity", "30d").toString());
    }

    static void revoke(Node node, String token, String caId, String serial, String reason) throws Exception {
        send(node, "POST", "/cas/" + caId + "/certificates/" + serial + "/revoke", token, "{\"reason\":\"" + reason + "\"}");
    }

    static byte[] crl(Node node, String caId) throws Exception {
        HttpResponse<byte[]> r = node.client().send(HttpRequest.newBuilder(node.http("/crl/" + caId + ".crl")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    record Run(int exit, String out) {}

    static Run run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void revocationThroughOneServerShowsInTheOthersCrlAndOcspWithinFiveSeconds(@TempDir Path dir) throws Exception {
        Pki a = process(dir.resolve("kek")), b = process(dir.resolve("kek"));
        CertificateAuthority issuing = hierarchy(a);
        String token = adminToken(a);
        Node serverA = serve(a, issuing.id()), serverB = serve(b, issuing.id());

        JsonNode leaf = issue(serverA, token, issuing.id(), "two.example.test");
        String chain = leaf.get("chain").asText();
        int rootStart = chain.lastIndexOf("-----BEGIN CERTIFICATE-----");
        Files.writeString(dir.resolve("root.pem"), chain.substring(rootStart));
        Files.writeString(dir.resolve("issuing.pem"), chain.substring(0, rootStart));
        Files.writeString(dir.resolve("leaf.pem"), leaf.get("certificate").asText());
        String[] ocsp = {"openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "leaf.pem", "-url",
                "http://127.0.0.1:" + serverB.server().httpPort() + "/ocsp", "-CAfile", "root.pem", "-no_nonce"};
        assertThat(run(dir, ocsp).out()).contains("Response verify OK").contains("leaf.pem: good"); // B caches "good"
        String serial = leaf.get("serial").asText();
        String opensslSerial = new BigInteger(serial, 16).toString(16).toUpperCase();

        revoke(serverA, token, issuing.id(), serial, "keyCompromise");
        long deadline = System.nanoTime() + REQUIREMENT.toNanos();
        String crlText = "", ocspText = "";
        boolean inCrl = false, inOcsp = false;
        while (System.nanoTime() < deadline && !(inCrl && inOcsp)) {
            if (!inCrl) {
                Files.write(dir.resolve("b.crl"), crl(serverB, issuing.id()));
                crlText = run(dir, "openssl", "crl", "-inform", "DER", "-in", "b.crl", "-noout", "-text").out();
                inCrl = crlText.toUpperCase().matches("(?s).*SERIAL NUMBER: 0*" + opensslSerial + "\\R.*");
            }
            if (!inOcsp) {
                ocspText = run(dir, ocsp).out();
                inOcsp = ocspText.contains("leaf.pem: revoked") && ocspText.contains("Reason: keyCompromise");
            }
        }
        assertThat(inCrl).as("server B's CRL lists %s within %s:%n%s", serial, REQUIREMENT, crlText).isTrue();
        assertThat(crlText).contains("Key Compromise");
        assertThat(inOcsp).as("server B's OCSP says revoked within %s:%n%s", REQUIREMENT, ocspText).isTrue();
        assertThat(ocspText).contains("Response verify OK");
    }

    @Test
    void revocationByAProcessWithoutAServerIsPublishedByTheServersWithoutAnyFetch(@TempDir Path dir) throws Exception {
        Pki a = process(dir.resolve("kek")), b = process(dir.resolve("kek")), cli = process(dir.resolve("kek"));
        CertificateAuthority issuing = hierarchy(a);
        String token = adminToken(a);
        Node serverA = serve(a, issuing.id());
        serve(b, issuing.id());
        BigInteger serial = new BigInteger(issue(serverA, token, issuing.id(), "cli.example.test").get("serial").asText(), 16);

        // As `stamp cert revoke` would: a process of its own, with no background publisher.
        cli.revocations().revoke(issuing.id(), serial, RevocationReason.SUPERSEDED, "cli");
        long deadline = System.nanoTime() + REQUIREMENT.toNanos();
        boolean published = false;
        while (System.nanoTime() < deadline && !published) {
            var latest = cli.crls().latest(issuing.id(), CrlPartitions.WHOLE);
            published = latest.isPresent() && serials(latest.get().der()).contains(serial);
            if (!published) Thread.sleep(50);
        }
        assertThat(published).as("a stored CRL lists the serial within %s", REQUIREMENT).isTrue();
    }

    @Test
    void underRevocationsThroughBothAndConcurrentFetchesNoCrlNumberIsServedWithTwoContents(@TempDir Path dir) throws Exception {
        Pki a = process(dir.resolve("kek")), b = process(dir.resolve("kek"));
        CertificateAuthority issuing = hierarchy(a);
        String token = adminToken(a);
        Node[] nodes = {serve(a, issuing.id()), serve(b, issuing.id())};
        int count = 40;
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < count; i++) serials.add(issue(nodes[i % 2], token, issuing.id(), "h" + i + ".example.test").get("serial").asText());

        Map<Long, Set<String>> contents = new ConcurrentHashMap<>();
        AtomicInteger fetched = new AtomicInteger();
        AtomicBoolean revoking = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> fetchers = new ArrayList<>();
            for (int f = 0; f < 4; f++) {
                Node node = nodes[f % 2];
                fetchers.add(pool.submit(() -> {
                    while (revoking.get()) {
                        byte[] der = crl(node, issuing.id());
                        contents.computeIfAbsent(number(der), n -> ConcurrentHashMap.newKeySet()).add(Arrays.toString(der));
                        fetched.incrementAndGet();
                    }
                    return null;
                }));
            }
            List<Future<?>> revokers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Node node = nodes[r];
                List<String> mine = serials.subList(r * count / 2, (r + 1) * count / 2);
                revokers.add(pool.submit(() -> {
                    for (String s : mine) revoke(node, token, issuing.id(), s, "superseded");
                    return null;
                }));
            }
            for (Future<?> f : revokers) f.get(120, TimeUnit.SECONDS);
            revoking.set(false);
            for (Future<?> f : fetchers) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        // Once the last revocation is in, both serve a CRL that lists every one (within the requirement).
        Set<BigInteger> expected = new HashSet<>();
        for (String s : serials) expected.add(new BigInteger(s, 16));
        for (Node node : nodes) {
            long deadline = System.nanoTime() + REQUIREMENT.toNanos();
            Set<BigInteger> listed = Set.of();
            while (System.nanoTime() < deadline && !listed.containsAll(expected)) {
                byte[] der = crl(node, issuing.id());
                contents.computeIfAbsent(number(der), n -> ConcurrentHashMap.newKeySet()).add(Arrays.toString(der));
                listed = serials(der);
            }
            assertThat(listed).containsAll(expected);
        }

        assertThat(fetched.get()).isGreaterThan(count);
        assertThat(contents.size()).as("distinct CRL numbers served").isGreaterThan(1);
        assertThat(contents).allSatisfy((number, bodies) ->
                assertThat(bodies).as("contents served under CRL number %d", number).hasSize(1));
        System.out.printf("two servers: %d CRL fetches, %d distinct CRL numbers, each with one content%n", fetched.get(), contents.size());
    }

    static long number(byte[] der) throws Exception {
        return ASN1Integer.getInstance(new X509CRLHolder(der).getExtension(Extension.cRLNumber).getParsedValue()).longValueExact();
    }

    static Set<BigInteger> serials(byte[] der) {
        try {
            Set<BigInteger> found = new HashSet<>();
            for (Object e : new X509CRLHolder(der).getRevokedCertificates()) found.add(((X509CRLEntryHolder) e).getSerialNumber());
            return found;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
