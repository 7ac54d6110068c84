package dev.stamp.manager.issuer;

import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.Pem;
import dev.stamp.core.testing.TestPki;
import dev.stamp.core.token.AccessKeys;
import dev.stamp.core.token.ApiTokens;
import dev.stamp.core.token.Role;
import dev.stamp.server.ServerCertificates;
import dev.stamp.server.ServerContext;
import dev.stamp.server.StampServer;
import dev.stamp.server.TlsMaterial;
import dev.stamp.server.aws.AwsApi;
import dev.stamp.server.aws.AwsSettings;
import dev.stamp.store.Database;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Stamp server started in-process as {@code stamp server} wires it: SQLite under a temporary directory, a root
 * and an issuing CA, the native API and the AWS-compatible API on one HTTPS port with the server's own TLS
 * certificate, an issuer token and an issuer access key for the issuing CA. Its clock stands at the real time of
 * start-up (TLS and SigV4 are checked against it) and does not move.
 */
final class StampTestServer implements AutoCloseable {
    static final String REGION = "eu-west-3";
    static final String ACCOUNT = "123456789012";

    final Path dir;
    final Database database;
    final TestPki testPki;
    final Instant now;
    final CertificateAuthority root;
    final CertificateAuthority issuing;
    final String issuerToken;
    final AccessKeys.Created issuerKey;
    /** An admin key: only it learns that a CA does not exist (an issuer key is denied any CA but its own). */
    final AccessKeys.Created adminKey;
    final TlsMaterial tls;
    final StampServer server;

    StampTestServer() throws Exception {
        dir = Files.createTempDirectory("stamp-manager-server");
        database = Database.sqlite(dir.resolve("data"));
        testPki = new TestPki(database.stores());
        now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        testPki.clock.set(now);
        root = testPki.root(KeyAlgorithm.EC_secp384r1);
        issuing = testPki.subordinate(root, KeyAlgorithm.EC_prime256v1, "SubordinateCACertificate_PathLen0/V1");
        SecureRandom random = new SecureRandom();
        ApiTokens tokens = new ApiTokens(database.apiTokens(), database.stores().audit(), testPki.clock, random);
        issuerToken = tokens.create(Role.ISSUER, List.of(issuing.id()), "manager", "test").secret();
        AccessKeys keys = new AccessKeys(database.accessKeys(), testPki.pki.vault(), database.stores().audit(), testPki.clock, random);
        issuerKey = keys.create(Role.ISSUER, List.of(issuing.id()), "aws-privateca-issuer", "test");
        adminKey = keys.create(Role.ADMIN, List.of(), "admin", "test");
        tls = ServerCertificates.issue(testPki.pki, issuing.id(), List.of("localhost", "127.0.0.1"), random);
        var context = new ServerContext(testPki.pki, tokens, testPki.clock, random, issuing.id(),
                new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), tls, 1000, Duration.ofMinutes(10), null);
        server = StampServer.start(context, new AwsApi(keys, new AwsSettings(REGION, ACCOUNT), dir.resolve("reports")));
    }

    String url() {
        return "https://localhost:" + server.apiPort();
    }

    /** The root of the server's TLS certificate, PEM: what a client's caBundle holds. */
    String tlsRootPem() {
        try {
            return Pem.encode("CERTIFICATE", tls.root().getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    String caArn(String caId) {
        return "arn:aws:acm-pca:" + REGION + ":" + ACCOUNT + ":certificate-authority/" + caId;
    }

    String rootPem() {
        return Pem.certificate(root.certificate());
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
