package dev.stamp.manager.agent;

import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.testing.MutableClock;
import dev.stamp.manager.secret.SecretDirectory;
import dev.stamp.manager.spec.Secret;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/** An agent over temporary config, output and data directories, driven step by step with a movable clock. */
final class AgentHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-06-01T12:00:00Z");

    /** A selfSigned Issuer and an ECDSA Certificate for app.private.example.net lasting 3h (renewal after 2h). */
    static final String SELF_SIGNED_ISSUER = """
            apiVersion: cert-manager.io/v1
            kind: Issuer
            metadata:
              name: selfsigned
            spec:
              selfSigned: {}
            """;

    final Path root;
    final Path config;
    final Path output;
    final Path data;
    final MutableClock clock = new MutableClock(START);
    AgentSettings settings;
    Agent agent;

    AgentHarness(Path root) {
        this.root = root;
        this.config = root.resolve("config");
        this.output = root.resolve("output");
        this.data = root.resolve("data");
        this.settings = AgentSettings.of(config, output, data);
        try {
            Files.createDirectories(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String certificate(String name, String secretName, String issuer, String extra) {
        String commonName = extra.contains("commonName") ? "" : "commonName: " + name + ".private.example.net\n";
        return """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata:
                  name: %s
                spec:
                  secretName: %s
                  duration: 3h
                  dnsNames: [%s.private.example.net]
                  privateKey: {algorithm: ECDSA, size: 256}
                  issuerRef: {name: %s}
                """.formatted(name, secretName, name, issuer) + (commonName + extra).indent(2);
    }

    Agent open() {
        agent = Agent.open(settings, clock, new SecureRandom(), CryptoProviders.jdk());
        return agent;
    }

    /** Reads the manifests, applies renewal requests and runs what is due, as the scheduler thread would. */
    int step() {
        agent.loadManifests();
        agent.applyRenewals();
        return agent.runDue();
    }

    void write(String file, String yaml) {
        try {
            Files.writeString(config.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(String file) {
        try {
            Files.delete(config.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void advance(Duration d) {
        clock.advance(d);
    }

    CertificateRecord record(String name) {
        return agent.record("default", name).orElseThrow(() -> new AssertionError("no record of default/" + name));
    }

    Path secretDir(String secretName) {
        return output.resolve("default").resolve(secretName);
    }

    Secret secret(String secretName) {
        return new SecretDirectory(output).get("default", secretName).orElseThrow(() -> new AssertionError("no Secret " + secretName));
    }

    X509CertificateHolder leaf(String secretName) {
        String pem = new String(secret(secretName).data().get(Secret.TLS_CRT), StandardCharsets.US_ASCII);
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return (X509CertificateHolder) p.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    BigInteger serial(String secretName) {
        return leaf(secretName).getSerialNumber();
    }

    String key(String secretName) {
        return new String(secret(secretName).data().get(Secret.TLS_KEY), StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (agent != null) agent.close();
    }
}
