package dev.stamp.it.seed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's seed scenario end to end, every piece a real process: {@code stamp server} on an empty data directory,
 * a root and a subordinate CA made with the AWS CLI, the certificate for app.private.example.net, nginx serving it,
 * and headless Chromium refusing the site until {@code stamp trust install} puts the root into its NSS database.
 * The steps run in order and share the processes; {@link #stopEverything()} ends them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedScenarioIT {
    static final String HOST = "app.private.example.net";
    static final String REGION = "us-east-1";
    private static final Pattern KEY_ID = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)");
    private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=([A-Za-z0-9/+=]+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) static Path dir;
    StampJar stamp;
    ServerProcess server;
    Path serverRoot;
    AwsCli aws;
    PrivateCaHierarchy cas;
    Path appSecret;
    Nginx nginx;
    Path home;

    @BeforeAll
    void startServer() {
        stamp = StampJar.built();
        server = ServerProcess.start(stamp, dir);
    }

    @AfterAll
    void stopEverything() {
        if (nginx != null) nginx.close();
        if (server != null) server.close();
    }

    @Test
    @Order(1)
    void stampServerStartsOnAnEmptyDataDirectoryAndHandsOutItsRootByThePrintedFingerprint() throws Exception {
        // The root the server's own TLS certificate chains to, which the AWS CLI and the agent trust for the endpoint.
        HttpResponse<byte[]> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.httpUrl + "/roots/" + server.rootFingerprintHex() + ".crt")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(root.statusCode()).isEqualTo(200);
        X509Certificate certificate = Certificates.read(root.body()).getFirst();
        assertThat(Certificates.fingerprint(certificate)).isEqualTo(server.rootFingerprint);
        serverRoot = dir.resolve("stamp-server-root.pem");
        Files.writeString(serverRoot, Certificates.pem(certificate));

        String created = stamp.run(dir, Map.of(), "token", "create", "--aws", "--role", "admin", "--name", "seed-scenario",
                "--data", server.data.toString()).ok();
        Matcher id = KEY_ID.matcher(created);
        Matcher secret = SECRET.matcher(created);
        assertThat(id.find() && secret.find()).as("stamp token create --aws printed an access key").isTrue();
        aws = new AwsCli(dir, server.apiUrl, serverRoot, REGION, id.group(1), secret.group(1));
    }

    @Test
    @Order(2)
    void theAwsCliCreatesARootAndASubordinateCaThroughStampsAwsApi() {
        assertThat(aws).as("step 1 made an access key").isNotNull();
        cas = PrivateCaHierarchy.create(aws, dir);

        for (String arn : List.of(cas.rootArn(), cas.subordinateArn())) {
            assertThat(aws.field("/CertificateAuthority/Status", "describe-certificate-authority", "--certificate-authority-arn", arn))
                    .isEqualTo("ACTIVE");
        }
        X509Certificate root = Certificates.first(cas.rootPem());
        X509Certificate issuing = Certificates.first(cas.subordinatePem());
        assertThat(root.getSubjectX500Principal()).isEqualTo(root.getIssuerX500Principal());
        assertThat(issuing.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(issuing.getBasicConstraints()).isZero();
        assertThat(Command.run(dir, Map.of(), List.of("openssl", "verify", "-x509_strict", "-CAfile", cas.rootPem().toString(),
                cas.subordinatePem().toString())).ok()).contains(": OK");
    }

    @Test
    @Order(3)
    void theCertificateForTheSiteIsIssuedByTheSubordinate() throws IOException {
        assertThat(cas).as("step 2 made the CAs").isNotNull();
        appSecret = dir.resolve("output").resolve("default").resolve("app-tls");
        Files.createDirectories(appSecret);
        // Interim, until stamp agent lands: what the agent will do, by hand (a CSR from openssl, issued by the AWS CLI).
        Command.run(dir, Map.of(), List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", appSecret.resolve("tls.key").toString(), "-subj", "/CN=" + HOST, "-addext", "subjectAltName=DNS:" + HOST,
                "-out", dir.resolve("app.csr").toString())).ok();
        String arn = aws.field("/CertificateArn", "issue-certificate", "--certificate-authority-arn", cas.subordinateArn(),
                "--csr", "fileb://" + dir.resolve("app.csr"), "--signing-algorithm", "SHA256WITHECDSA",
                "--template-arn", "arn:aws:acm-pca:::template/EndEntityServerAuthCertificate/V1", "--validity", "Value=30,Type=DAYS");
        aws.acmPca("wait", "certificate-issued", "--certificate-authority-arn", cas.subordinateArn(), "--certificate-arn", arn);
        var issued = aws.acmPca("get-certificate", "--certificate-authority-arn", cas.subordinateArn(), "--certificate-arn", arn);
        List<String> chain = List.of(issued.get("CertificateChain").asText().split("(?<=-----END CERTIFICATE-----)\\s*"));
        Files.writeString(appSecret.resolve("tls.crt"), issued.get("Certificate").asText() + "\n" + String.join("\n", chain.subList(0, chain.size() - 1)) + "\n");
        Files.writeString(appSecret.resolve("ca.crt"), chain.getLast() + "\n");

        assertThat(Command.run(dir, Map.of(), List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", HOST,
                "-CAfile", appSecret.resolve("ca.crt").toString(), "-untrusted", appSecret.resolve("tls.crt").toString(),
                appSecret.resolve("tls.crt").toString())).ok()).contains(": OK");
    }

    @Test
    @Order(4)
    void nginxServesTheSiteWithTheIssuedFiles() {
        assertThat(appSecret).as("step 3 issued the certificate").isNotNull();
        nginx = Nginx.start(dir.resolve("nginx"), HOST, appSecret.resolve("tls.crt"), appSecret.resolve("tls.key"));

        String served = Command.run(dir, Map.of(), List.of("openssl", "s_client", "-connect", "127.0.0.1:" + nginx.port, "-servername", HOST,
                "-verify_hostname", HOST, "-verify_return_error", "-CAfile", cas.rootPem().toString())).ok();
        assertThat(served).contains("Verify return code: 0 (ok)");
    }

    @Test
    @Order(5)
    void chromiumRefusesTheSiteWhileItsRootIsNotTrusted() {
        assertThat(nginx).as("step 4 started nginx").isNotNull();
        home = dir.resolve("home");
        try (Browser browser = Browser.open(home, dir.resolve("chromium-before"), HOST, dir.resolve("chromedriver-before.log"))) {
            Browser.Page page = browser.load(nginx.url(HOST));
            assertThat(page.title()).isEqualTo("Privacy error");
            assertThat(page.source()).containsIgnoringCase("NET::ERR_CERT_AUTHORITY_INVALID");
            assertThat(page.text()).doesNotContain(Nginx.PAGE_TEXT);
        }
    }

    @Test
    @Order(6)
    void chromiumLoadsTheSiteAfterStampTrustInstallPutsTheRootIntoItsNssDatabase() {
        assertThat(home).as("step 5 ran the browser").isNotNull();
        Path nssdb = home.resolve(".pki").resolve("nssdb");
        String rootFingerprint = Certificates.fingerprint(Certificates.first(cas.rootPem()));
        // The bootstrap form: the root is downloaded from the server and trusted only if its fingerprint matches.
        String installed = stamp.run(dir, Map.of(), "trust", "install", "--server", server.httpUrl, "--fingerprint", rootFingerprint,
                "--store", "nss", "--nss-db", nssdb.toString()).ok();
        assertThat(installed).contains("added", rootFingerprint);
        assertThat(stamp.run(dir, Map.of(), "trust", "check", "--server", server.httpUrl, "--fingerprint", rootFingerprint,
                "--store", "nss", "--nss-db", nssdb.toString()).ok()).contains("trusted").doesNotContain("NOT trusted");

        try (Browser browser = Browser.open(home, dir.resolve("chromium-after"), HOST, dir.resolve("chromedriver-after.log"))) {
            Browser.Page page = browser.load(nginx.url(HOST));
            assertThat(page.text()).contains(Nginx.PAGE_TEXT);
            assertThat(page.title()).isEqualTo("Stamp seed scenario");
            List<X509Certificate> seen = browser.certificateChain("https://" + HOST + ":" + nginx.port);
            assertThat(Certificates.serial(seen.getFirst())).isEqualTo(Certificates.serial(Certificates.first(appSecret.resolve("tls.crt"))));
        }
    }
}
