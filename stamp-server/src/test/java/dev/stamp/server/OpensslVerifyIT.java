package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A certificate issued through the REST API verifies under OpenSSL against the root alone. */
class OpensslVerifyIT {
    @Test
    void restIssuedChainVerifiesWithOpenssl(@TempDir Path dir) throws Exception {
        try (TestServer s = new TestServer()) {
            var response = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.issuer, s.issueBody("openssl.example.test"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            JsonNode body = TestServer.json(response);
            String chain = body.get("chain").asText();
            int rootStart = chain.lastIndexOf("-----BEGIN CERTIFICATE-----");
            Files.writeString(dir.resolve("leaf.pem"), body.get("certificate").asText());
            Files.writeString(dir.resolve("intermediates.pem"), chain.substring(0, rootStart));
            Files.writeString(dir.resolve("root.pem"), chain.substring(rootStart));
            Process p = new ProcessBuilder("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-CAfile", "root.pem",
                    "-untrusted", "intermediates.pem", "leaf.pem").directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("leaf.pem: OK");
        }
    }
}
