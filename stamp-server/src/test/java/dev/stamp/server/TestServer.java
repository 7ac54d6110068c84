package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.core.token.Role;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A real server on free ports over an in-memory PKI (root, issuing CA, a second issuing CA) with one token per
 * role, and an HTTP client that trusts the server's root.
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestPki testPki = new TestPki();
    final CertificateAuthority root;
    final CertificateAuthority issuing;
    final CertificateAuthority other;
    final ApiTokens tokens;
    final InMemoryApiTokenStore tokenStore = new InMemoryApiTokenStore();
    final String admin;
    final String auditor;
    final String issuer;
    final String otherIssuer;
    /** An auditor token whose expiry has passed. */
    final String expired;
    final TlsMaterial tls;
    final StampServer server;
    final HttpClient client;
    static final dev.stamp.server.config.RequestRate UNTHROTTLED = new dev.stamp.server.config.RequestRate(1e9, 1_000_000_000);

    TestServer() {
        this(1000);
    }

    TestServer(int authFailures) {
        this(authFailures, (server, context) -> context);
    }

    /** With the server's context changed by {@code customize} (mutual TLS, request rate, TLS files). */
    TestServer(int authFailures, BiFunction<TestServer, ServerContext, ServerContext> customize) {
        testPki.clock.set(Instant.now()); // the client checks the TLS certificate against the real time
        root = testPki.root(KeyAlgorithm.EC_secp384r1);
        issuing = testPki.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        other = testPki.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        SecureRandom random = new SecureRandom();
        tokens = new ApiTokens(tokenStore, testPki.stores.audit(), testPki.clock, random);
        admin = tokens.create(Role.ADMIN, List.of(), "admin", "test").secret();
        auditor = tokens.create(Role.AUDITOR, List.of(), "auditor", "test").secret();
        issuer = tokens.create(Role.ISSUER, List.of(issuing.id()), "issuer", "test").secret();
        otherIssuer = tokens.create(Role.ISSUER, List.of(other.id()), "other issuer", "test").secret();
        expired = tokens.create(Role.AUDITOR, List.of(), "expired", testPki.clock.instant().plusMillis(1), "test").secret();
        testPki.clock.advance(Duration.ofMillis(1));
        tls = ServerCertificates.issue(testPki.pki, issuing.id(), List.of("localhost", "127.0.0.1"), random);
        server = StampServer.start(customize.apply(this, new ServerContext(testPki.pki, tokens, testPki.clock, random, issuing.id(),
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), tls, authFailures, Duration.ofMinutes(10),
                () -> ServerCertificates.issue(testPki.pki, issuing.id(), List.of("localhost", "127.0.0.1"), random))
                // the test clock stands still, so any real rate would refuse every request after the burst
                .withRequestRate(UNTHROTTLED)));
        client = HttpClient.newBuilder().sslContext(trusting(tls)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static SSLContext trusting(TlsMaterial tls) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("root", tls.root());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    URI api(String path) {
        return URI.create("https://localhost:" + server.apiPort() + "/api/v1" + path);
    }

    URI http(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    HttpResponse<String> send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(api(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    String csrPem(String... dnsNames) {
        byte[] csr = dev.stamp.core.testing.Csrs.csr(dev.stamp.core.testing.Csrs.p256(), "CN=" + dnsNames[0], dnsNames);
        return dev.stamp.core.crypto.Pem.encode("CERTIFICATE REQUEST", csr);
    }

    String issueBody(String... dnsNames) {
        return JSON.createObjectNode().put("csr", csrPem(dnsNames)).put("validity", "90d").toString();
    }

    /**
     * The leaf certificate a new connection is shown. It records rather than judges, so it works when the test clock
     * runs ahead of the real one (a renewed certificate not yet valid for a real client).
     */
    java.security.cert.X509Certificate servedCertificate() throws Exception {
        java.security.cert.X509Certificate[] seen = new java.security.cert.X509Certificate[1];
        javax.net.ssl.X509TrustManager recording = new javax.net.ssl.X509TrustManager() {
            @Override public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {}
            @Override public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) { seen[0] = chain[0]; }
            @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {recording}, null);
        HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest.newBuilder(api("/openapi.json")).build(), HttpResponse.BodyHandlers.discarding());
        return seen[0];
    }

    /** Issues a leaf from the issuing CA through the REST API, writes leaf.pem, issuing.pem and root.pem in {@code dir}; returns the serial (hex). */
    String issueToFiles(java.nio.file.Path dir, String name) throws java.io.IOException {
        var response = send("POST", "/cas/" + issuing.id() + "/certificates", issuer, issueBody(name));
        if (response.statusCode() != 201) throw new AssertionError("issuance answered " + response.statusCode() + ": " + response.body());
        JsonNode body = json(response);
        String chain = body.get("chain").asText();
        int rootStart = chain.lastIndexOf("-----BEGIN CERTIFICATE-----");
        java.nio.file.Files.writeString(dir.resolve("leaf.pem"), body.get("certificate").asText());
        java.nio.file.Files.writeString(dir.resolve("issuing.pem"), chain.substring(0, rootStart));
        java.nio.file.Files.writeString(dir.resolve("root.pem"), chain.substring(rootStart));
        return body.get("serial").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
