package dev.stamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.Pem;
import dev.stamp.store.Database;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Programs we did not write drive the AWS-compatible API of the real server (the distributable jar): Debian's AWS CLI
 * through the whole seed flow, checked with openssl, and boto3 through the flow, every modelled error as its own
 * exception class, and aws-privateca-issuer's requests.
 */
class AwsClientsIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGION = "us-east-1";
    static Path dir;
    static Process server;
    static String endpoint;
    static String httpBase;
    static Path bundle;
    static String keyId;
    static String secret;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("stamp-aws-it");
        Path data = dir.resolve("data");
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar(), "server", "--data", data.toString(),
                "--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0").redirectErrorStream(true).start();
        readUrls(server);
        bundle = dir.resolve("roots.pem");
        try (Database db = Database.sqlite(data)) {
            StringBuilder pem = new StringBuilder();
            for (CertificateAuthority root : db.stores().cas().list()) {
                if (root.type() == CaType.ROOT) pem.append(Pem.certificate(root.certificate()));
            }
            Files.writeString(bundle, pem);
        }
        var created = run(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar(), "token", "create", "--aws", "--role", "admin",
                "--name", "it", "--data", data.toString()), Map.of(), dir);
        assertThat(created.exit()).as(created.out()).isZero();
        Matcher id = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)").matcher(created.out());
        Matcher key = Pattern.compile("AWS_SECRET_ACCESS_KEY=(\\S+)").matcher(created.out());
        assertThat(id.find() && key.find()).as(created.out()).isTrue();
        keyId = id.group(1);
        secret = key.group(1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAwsCliRunsTheSeedFlowAndOpensslAcceptsTheResult() throws Exception {
        String config = "{\"KeyAlgorithm\":\"EC_prime256v1\",\"SigningAlgorithm\":\"SHA256WITHECDSA\",\"Subject\":{\"CommonName\":\"%s\"}}";
        String revocation = "{\"CrlConfiguration\":{\"Enabled\":true,\"ExpirationInDays\":7},\"OcspConfiguration\":{\"Enabled\":true}}";
        String root = aws("create-certificate-authority", "--certificate-authority-configuration", config.formatted("CLI Root"),
                "--certificate-authority-type", "ROOT", "--revocation-configuration", revocation).get("CertificateAuthorityArn").asText();
        aws("wait", "certificate-authority-csr-created", "--certificate-authority-arn", root);
        Files.writeString(dir.resolve("root.csr"), aws("get-certificate-authority-csr", "--certificate-authority-arn", root).get("Csr").asText());
        String rootCertArn = aws("issue-certificate", "--certificate-authority-arn", root, "--csr", "fileb://" + dir.resolve("root.csr"),
                "--signing-algorithm", "SHA256WITHECDSA", "--template-arn", "arn:aws:acm-pca:::template/RootCACertificate/V1",
                "--validity", "Value=10,Type=YEARS").get("CertificateArn").asText();
        aws("wait", "certificate-issued", "--certificate-authority-arn", root, "--certificate-arn", rootCertArn);
        Files.writeString(dir.resolve("root.pem"), aws("get-certificate", "--certificate-authority-arn", root, "--certificate-arn", rootCertArn)
                .get("Certificate").asText() + "\n");
        aws("import-certificate-authority-certificate", "--certificate-authority-arn", root, "--certificate", "fileb://" + dir.resolve("root.pem"));
        assertThat(aws("describe-certificate-authority", "--certificate-authority-arn", root).at("/CertificateAuthority/Status").asText()).isEqualTo("ACTIVE");

        String sub = aws("create-certificate-authority", "--certificate-authority-configuration", config.formatted("CLI Issuing"),
                "--certificate-authority-type", "SUBORDINATE", "--revocation-configuration", revocation,
                "--tags", "Key=team,Value=pki").get("CertificateAuthorityArn").asText();
        aws("wait", "certificate-authority-csr-created", "--certificate-authority-arn", sub);
        Files.writeString(dir.resolve("sub.csr"), aws("get-certificate-authority-csr", "--certificate-authority-arn", sub).get("Csr").asText());
        String subCertArn = aws("issue-certificate", "--certificate-authority-arn", root, "--csr", "fileb://" + dir.resolve("sub.csr"),
                "--signing-algorithm", "SHA256WITHECDSA", "--template-arn", "arn:aws:acm-pca:::template/SubordinateCACertificate_PathLen0/V1",
                "--validity", "Value=5,Type=YEARS").get("CertificateArn").asText();
        JsonNode subCert = aws("get-certificate", "--certificate-authority-arn", root, "--certificate-arn", subCertArn);
        Files.writeString(dir.resolve("sub.pem"), subCert.get("Certificate").asText() + "\n");
        Files.writeString(dir.resolve("sub-chain.pem"), subCert.get("CertificateChain").asText() + "\n");
        aws("import-certificate-authority-certificate", "--certificate-authority-arn", sub, "--certificate", "fileb://" + dir.resolve("sub.pem"),
                "--certificate-chain", "fileb://" + dir.resolve("sub-chain.pem"));

        // A leaf from an openssl CSR, verified by openssl against the root.
        var req = run(List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("leaf.key").toString(), "-subj", "/CN=app.private.example.net",
                "-addext", "subjectAltName=DNS:app.private.example.net", "-out", dir.resolve("leaf.csr").toString()), Map.of(), dir);
        assertThat(req.exit()).as(req.out()).isZero();
        String leafArn = aws("issue-certificate", "--certificate-authority-arn", sub, "--csr", "fileb://" + dir.resolve("leaf.csr"),
                "--signing-algorithm", "SHA256WITHECDSA", "--template-arn", "arn:aws:acm-pca:::template/EndEntityServerAuthCertificate/V1",
                "--validity", "Value=30,Type=DAYS", "--idempotency-token", "cli-leaf").get("CertificateArn").asText();
        aws("wait", "certificate-issued", "--certificate-authority-arn", sub, "--certificate-arn", leafArn);
        JsonNode leaf = aws("get-certificate", "--certificate-authority-arn", sub, "--certificate-arn", leafArn);
        Files.writeString(dir.resolve("leaf.pem"), leaf.get("Certificate").asText() + "\n");
        Files.writeString(dir.resolve("leaf-chain.pem"), leaf.get("CertificateChain").asText() + "\n");
        var verify = run(List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", "app.private.example.net",
                "-CAfile", dir.resolve("root.pem").toString(), "-untrusted", dir.resolve("leaf-chain.pem").toString(), dir.resolve("leaf.pem").toString()), Map.of(), dir);
        assertThat(verify.out()).contains(": OK");

        // Revoke; the CRL and OCSP show it within 5 seconds.
        String serial = leafArn.substring(leafArn.lastIndexOf('/') + 1);
        aws("revoke-certificate", "--certificate-authority-arn", sub, "--certificate-serial", serial, "--revocation-reason", "KEY_COMPROMISE");
        String subId = sub.substring(sub.lastIndexOf('/') + 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String crl = "";
        String ocsp = "";
        do {
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(httpBase + "/crl/" + subId + ".crl")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Files.write(dir.resolve("sub.crl"), r.body());
            crl = run(List.of("openssl", "crl", "-inform", "DER", "-noout", "-text", "-in", dir.resolve("sub.crl").toString()), Map.of(), dir).out();
            ocsp = run(List.of("openssl", "ocsp", "-issuer", dir.resolve("sub.pem").toString(), "-cert", dir.resolve("leaf.pem").toString(),
                    "-url", httpBase + "/ocsp", "-CAfile", dir.resolve("root.pem").toString(), "-no_nonce"), Map.of(), dir).out();
        } while ((!crl.toUpperCase().contains(serial.toUpperCase().replaceFirst("^0+", "")) || !ocsp.contains("revoked")) && System.nanoTime() < deadline);
        assertThat(crl.toUpperCase()).contains(serial.toUpperCase().replaceFirst("^0+", ""));
        assertThat(ocsp).contains(": revoked").contains("Reason: keyCompromise").contains("Response verify OK");

        // Tags, then the seed flow's teardown.
        assertThat(aws("list-tags", "--certificate-authority-arn", sub).get("Tags").get(0).get("Key").asText()).isEqualTo("team");
        aws("update-certificate-authority", "--certificate-authority-arn", sub, "--status", "DISABLED");
        aws("delete-certificate-authority", "--certificate-authority-arn", sub, "--permanent-deletion-time-in-days", "7");
        assertThat(aws("describe-certificate-authority", "--certificate-authority-arn", sub).at("/CertificateAuthority/Status").asText()).isEqualTo("DELETED");
        aws("restore-certificate-authority", "--certificate-authority-arn", sub);
        assertThat(aws("describe-certificate-authority", "--certificate-authority-arn", sub).at("/CertificateAuthority/Status").asText()).isEqualTo("DISABLED");
    }

    @Test
    void boto3RunsTheFlowGetsEveryModelledErrorAsItsOwnExceptionAndTheIssuersRequestsWork() throws Exception {
        var req = run(List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("boto.key").toString(), "-subj", "/CN=app.private.example.net",
                "-addext", "subjectAltName=DNS:app.private.example.net", "-out", dir.resolve("boto.csr").toString()), Map.of(), dir);
        assertThat(req.exit()).as(req.out()).isZero();
        Path script = dir.resolve("boto3_flow.py");
        try (var in = AwsClientsIT.class.getResourceAsStream("/aws/boto3_flow.py")) {
            Files.write(script, in.readAllBytes());
        }
        var result = run(List.of(python(), script.toString(), endpoint, bundle.toString(), REGION, keyId, secret, dir.resolve("boto.csr").toString()),
                Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_EC2_METADATA_DISABLED", "true"), dir);
        assertThat(result.exit()).as(result.out()).isZero();
        String last = result.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        JsonNode seen = JSON.readTree(last);
        assertThat(seen.get("callerArn").asText()).endsWith(":user/" + keyId);
        assertThat(seen.get("rootStatus").asText()).isEqualTo("ACTIVE");
        assertThat(seen.get("subStatus").asText()).isEqualTo("ACTIVE");
        assertThat(seen.get("caCrt").asText().strip()).isEqualTo(seen.get("rootPem").asText().strip());
        seen.get("errors").fields().forEachRemaining(e -> assertThat(e.getValue().asText()).as(e.getKey()).isEqualTo(e.getKey()));
        assertThat(seen.get("errors")).hasSize(14);
        assertThat(seen.get("tags").toString()).contains("env", "flow");
        assertThat(seen.get("deleted").asText()).isEqualTo("DELETED");
        assertThat(seen.get("restored").asText()).isEqualTo("DISABLED");

        // What the issuer writes to tls.crt validates with its ca.crt: leaf plus intermediates, root last.
        Files.writeString(dir.resolve("issuer-ca.crt"), seen.get("caCrt").asText());
        Files.writeString(dir.resolve("issuer-tls.crt"), seen.get("tlsCrt").asText());
        var verify = run(List.of("openssl", "verify", "-CAfile", dir.resolve("issuer-ca.crt").toString(), "-untrusted",
                dir.resolve("issuer-tls.crt").toString(), dir.resolve("issuer-tls.crt").toString()), Map.of(), dir);
        assertThat(verify.out()).contains(": OK");
        Path report = dir.resolve("data").resolve("audit-reports").resolve("audit-bucket").resolve(seen.get("auditReportKey").asText());
        assertThat(Files.readString(report)).contains(seen.get("leafArn").asText()).contains("KEY_COMPROMISE");
    }

    // ---- helpers

    record Result(int exit, String out) {}

    private JsonNode aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(awsCli(), "acm-pca"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", endpoint, "--region", REGION, "--output", "json", "--no-cli-pager"));
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", keyId);
        env.put("AWS_SECRET_ACCESS_KEY", secret);
        env.put("AWS_CA_BUNDLE", bundle.toString());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("HOME", dir.toString());
        Result r = run(command, env, dir);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r.out()).isZero();
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    /** Debian's awscli (what CI installs), else whatever `aws` is on the PATH. */
    private static String awsCli() {
        return Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : "aws";
    }

    /** Debian's python3, which has Debian's boto3. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static String jar() {
        return Path.of("target", "stamp.jar").toAbsolutePath().toString();
    }

    static Result run(List<String> command, Map<String, String> env, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), out);
    }

    private static void readUrls(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        Pattern api = Pattern.compile("API:\\s+(https://\\S+)/api/v1");
        Pattern http = Pattern.compile("HTTP:\\s+(http://\\S+)");
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher a = api.matcher(line);
            if (a.find()) endpoint = a.group(1);
            Matcher h = http.matcher(line);
            if (h.find()) httpBase = h.group(1);
            if (endpoint != null && httpBase != null) {
                Thread.ofPlatform().daemon().start(() -> { try { out.transferTo(java.io.Writer.nullWriter()); } catch (Exception ignored) { } });
                return;
            }
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }
}
