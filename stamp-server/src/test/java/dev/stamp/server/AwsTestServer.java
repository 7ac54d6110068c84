package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.token.AccessKeys;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.core.token.Role;
import dev.stamp.server.aws.AwsApi;
import dev.stamp.server.aws.AwsSettings;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A real server with the AWS-compatible endpoint over an in-memory PKI (a root and an issuing CA made natively), one
 * access key per role, and a client that signs requests with the AWS SDK's own SigV4 signer.
 */
final class AwsTestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGION = "eu-west-3";
    static final String ACCOUNT = "123456789012";

    final TestPki testPki = new TestPki();
    final CertificateAuthority root;
    final CertificateAuthority issuing;
    final CertificateAuthority other;
    final AccessKeys keys;
    final AccessKeys.Created admin;
    final AccessKeys.Created auditor;
    final AccessKeys.Created issuer;
    final StampServer server;
    final HttpClient client;
    final TlsMaterial tls;
    final SSLContext trust;

    final java.nio.file.Path reportDir;
    final String adminToken;

    AwsTestServer() {
        try {
            reportDir = java.nio.file.Files.createTempDirectory("stamp-aws-reports");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        testPki.clock.set(Instant.now()); // SigV4 dates and the TLS check use the real time
        root = testPki.root(KeyAlgorithm.EC_secp384r1);
        issuing = testPki.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        other = testPki.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        SecureRandom random = new SecureRandom();
        ApiTokens tokens = new ApiTokens(new InMemoryApiTokenStore(), testPki.stores.audit(), testPki.clock, random);
        adminToken = tokens.create(Role.ADMIN, List.of(), "admin", "test").secret();
        keys = new AccessKeys(new InMemoryAccessKeyStore(), testPki.pki.vault(), testPki.stores.audit(), testPki.clock, random);
        admin = keys.create(Role.ADMIN, List.of(), "admin", "test");
        auditor = keys.create(Role.AUDITOR, List.of(), "auditor", "test");
        issuer = keys.create(Role.ISSUER, List.of(issuing.id()), "issuer", "test");
        tls = ServerCertificates.issue(testPki.pki, issuing.id(), List.of("localhost", "127.0.0.1"), random);
        var context = new ServerContext(testPki.pki, tokens, testPki.clock, random, issuing.id(),
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), tls, 1000, Duration.ofMinutes(10), null);
        server = StampServer.start(context, new AwsApi(keys, new AwsSettings(REGION, ACCOUNT), reportDir));
        trust = TestServer.trusting(tls);
        client = HttpClient.newBuilder().sslContext(trust).connectTimeout(Duration.ofSeconds(5)).build();
    }

    String endpoint() {
        return "https://127.0.0.1:" + server.apiPort();
    }

    String caArn(String caId) {
        return "arn:aws:acm-pca:" + REGION + ":" + ACCOUNT + ":certificate-authority/" + caId;
    }

    String caIdOf(String caArn) {
        return caArn.substring(caArn.lastIndexOf('/') + 1);
    }

    record Answer(int status, JsonNode body, String errorType) {
        String type() { return body.path("__type").asText(null); }
    }

    /** Calls an operation signed with {@code key}'s secret. */
    Answer call(AccessKeys.Created key, String operation, String input) {
        return send(signed(key.key().id(), key.secretAccessKey(), operation, input, Instant.now()));
    }

    HttpRequest signed(String keyId, String secret, String operation, String input, Instant at) {
        SdkHttpRequest http = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(endpoint() + "/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "ACMPrivateCA." + operation).build();
        var signedRequest = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(keyId, secret))
                .request(http)
                .payload(ContentStreamProvider.fromUtf8String(input))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "acm-pca")
                .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint() + "/")).POST(HttpRequest.BodyPublishers.ofString(input));
        signedRequest.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) values.forEach(v -> b.header(name, v));
        });
        return b.build();
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), body, r.headers().firstValue("X-Amzn-ErrorType").orElse(null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TrustManagerFactory trustManagers() {
        try {
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("root", tls.root());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            return tmf;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
