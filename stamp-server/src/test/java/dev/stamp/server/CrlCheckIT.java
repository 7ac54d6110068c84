package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the running server: revoke through the REST API, fetch the CRL from the distribution point, and OpenSSL's
 * `verify -crl_check` fails the revoked certificate and passes another; `openssl crl` lists the serial with the reason.
 */
class CrlCheckIT {
    @Test
    void revokedCertificateFailsCrlCheckRightAfterRevocationAndAnotherPasses(@TempDir Path dir) throws Exception {
        try (TestServer s = new TestServer()) {
            JsonNode revoked = issue(s, "revoked.example.test");
            JsonNode kept = issue(s, "kept.example.test");
            String chain = revoked.get("chain").asText();
            int rootStart = chain.lastIndexOf("-----BEGIN CERTIFICATE-----");
            Files.writeString(dir.resolve("root.pem"), chain.substring(rootStart));
            Files.writeString(dir.resolve("sub.pem"), chain.substring(0, rootStart));
            Files.writeString(dir.resolve("revoked.pem"), revoked.get("certificate").asText());
            Files.writeString(dir.resolve("kept.pem"), kept.get("certificate").asText());

            String serial = revoked.get("serial").asText();
            var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates/" + serial + "/revoke", s.issuer, "{\"reason\":\"keyCompromise\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

            var crl = s.client.send(HttpRequest.newBuilder(s.http("/crl/" + s.issuing.id() + ".crl")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(crl.statusCode()).isEqualTo(200);
            Files.write(dir.resolve("crl.der"), crl.body());
            assertThat(openssl(dir, "crl", "-inform", "DER", "-in", "crl.der", "-out", "crl.pem").exit()).isZero();

            Result text = openssl(dir, "crl", "-in", "crl.pem", "-noout", "-text");
            assertThat(text.out()).containsIgnoringCase(serial.replaceFirst("^0+", "")).contains("Key Compromise");

            Result bad = openssl(dir, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "sub.pem", "-CRLfile", "crl.pem", "revoked.pem");
            assertThat(bad.exit()).as(bad.out()).isNotZero();
            assertThat(bad.out()).contains("certificate revoked");
            Result good = openssl(dir, "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "sub.pem", "-CRLfile", "crl.pem", "kept.pem");
            assertThat(good.exit()).as(good.out()).isZero();
        }
    }

    private static JsonNode issue(TestServer s, String name) {
        var response = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.issuer, s.issueBody(name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return TestServer.json(response);
    }

    record Result(int exit, String out) {}

    private static Result openssl(Path dir, String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add("openssl");
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
