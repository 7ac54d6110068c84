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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's seed scenario end to end (docs/walkthrough.md), every piece a real process: {@code stamp server} on an
 * empty data directory, a root and a subordinate CA made with the AWS CLI, {@code stamp agent} issuing the certificate
 * for app.private.example.net from an AWSPCAClusterIssuer (and one from a {@code ca} Issuer), nginx serving it,
 * headless Chromium refusing the site until {@code stamp trust install} puts the root into its NSS database, and
 * {@code stamp agent renew} replacing the certificate under the running nginx and browser. The steps run in order and
 * share the processes; {@link #stopEverything()} ends them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedScenarioIT {
    static final String HOST = "app.private.example.net";
    static final String INTERNAL_HOST = "internal.private.example.net";
    static final String REGION = "us-east-1";
    /** Where the agent reads ClusterIssuers' Secrets (cert-manager's --cluster-resource-namespace). */
    static final String CREDENTIALS_NAMESPACE = "stamp-system";
    private static final Pattern KEY_ID = Pattern.compile("AWS_ACCESS_KEY_ID=(\\S+)");
    private static final Pattern SECRET = Pattern.compile("AWS_SECRET_ACCESS_KEY=([A-Za-z0-9/+=]+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) static Path dir;
    StampJar stamp;
    ServerProcess server;
    Path serverRoot;
    AwsCli aws;
    PrivateCaHierarchy cas;
    Path appSecret;
    AgentProcess agent;
    Nginx nginx;
    Path home;
    boolean nssTrusted;

    @BeforeAll
    void startServer() {
        stamp = StampJar.built();
        server = ServerProcess.start(stamp, dir);
    }

    @AfterAll
    void stopEverything() {
        if (agent != null) agent.close();
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
    void stampAgentIssuesTheSiteFromTheAwsPcaClusterIssuerAndACaIssuerBootstrappedBySelfSigned() throws IOException {
        assertThat(cas).as("step 2 made the CAs").isNotNull();
        Path config = dir.resolve("agent-config");
        Path output = dir.resolve("agent-secrets");
        Files.createDirectories(config);
        Manifests.credentials(output.resolve(CREDENTIALS_NAMESPACE).resolve("stamp-aws-credentials"), aws.accessKeyId(), aws.secretAccessKey());
        appSecret = output.resolve("default").resolve("app-tls");
        // nginx is configured now (not started) so that the certificate's reload hook can name its configuration.
        nginx = Nginx.configure(dir.resolve("nginx"), HOST, appSecret.resolve("tls.crt"), appSecret.resolve("tls.key"));
        Files.writeString(config.resolve("app.yaml"), Manifests.awsPcaSite(cas.subordinateArn(), REGION, CREDENTIALS_NAMESPACE, HOST, nginx.reloadCommand()));
        Files.writeString(config.resolve("internal.yaml"), Manifests.caBootstrap(INTERNAL_HOST));

        agent = AgentProcess.start(stamp, dir, config, output, Map.of("AWS_ENDPOINT_URL_ACM_PCA", server.apiUrl, "AWS_ENDPOINT_URL_STS", server.apiUrl,
                "AWS_CA_BUNDLE", serverRoot.toString()), "--cluster-resource-namespace", CREDENTIALS_NAMESPACE);
        agent.awaitSecret("default", "app-tls", "app", Duration.ofSeconds(120));
        Path internal = agent.awaitSecret("default", "internal-tls", "internal", Duration.ofSeconds(120));

        // The site: leaf and intermediate in tls.crt, the root (last of the AWS chain) in ca.crt, the key for the owner only.
        assertThat(Certificates.read(appSecret.resolve("tls.crt"))).hasSize(2);
        assertThat(Certificates.first(appSecret.resolve("ca.crt"))).isEqualTo(Certificates.first(cas.rootPem()));
        assertThat(Files.getPosixFilePermissions(appSecret.resolve("tls.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Command.run(dir, Map.of(), List.of("openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname", HOST,
                "-CAfile", cas.rootPem().toString(), "-untrusted", appSecret.resolve("tls.crt").toString(),
                appSecret.resolve("tls.crt").toString())).ok()).contains(": OK");
        assertThat(Keys.match(dir, appSecret)).as("tls.key belongs to tls.crt").isTrue();
        assertThat(agent.status("app").ok()).contains("Ready: True, Reason: Ready", "Kind: AWSPCAClusterIssuer", "Ready: True, Reason: Verified",
                "Name: app-tls", "Name: app-1");

        // The ca Issuer: its CA is the selfSigned isCA Certificate's Secret; ca.crt is that CA, and the leaf verifies against it.
        X509Certificate internalCa = Certificates.first(output.resolve("default").resolve("internal-ca").resolve("tls.crt"));
        assertThat(internalCa.getBasicConstraints()).isNotNegative();
        assertThat(Certificates.first(internal.resolve("ca.crt"))).isEqualTo(internalCa);
        assertThat(Certificates.first(internal.resolve("tls.crt")).getIssuerX500Principal()).isEqualTo(internalCa.getSubjectX500Principal());
        assertThat(Command.run(dir, Map.of(), List.of("openssl", "verify", "-x509_strict", "-verify_hostname", INTERNAL_HOST,
                "-CAfile", internal.resolve("ca.crt").toString(), internal.resolve("tls.crt").toString())).ok()).contains(": OK");
        assertThat(agent.status("internal").ok()).contains("Ready: True, Reason: Ready", "Name: internal-ca", "Ready: True, Reason: KeyPairVerified", "Name: internal-tls");
    }

    @Test
    @Order(4)
    void nginxServesTheSiteWithTheIssuedFiles() {
        assertThat(appSecret).as("step 3 issued the certificate").isNotNull();
        nginx.start();

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
        nssTrusted = true;
    }

    @Test
    @Order(7)
    void stampAgentRenewReissuesAtomicallyNginxReloadsAndChromiumSeesTheNewSerial() throws IOException {
        assertThat(agent).as("step 3 started the agent").isNotNull();
        assertThat(nssTrusted).as("step 6 trusted the root").isTrue();
        String oldSerial = Certificates.serial(Certificates.first(appSecret.resolve("tls.crt")));
        Path oldGeneration = Files.readSymbolicLink(appSecret.resolve("..data"));
        long reloads = nginx.reloads();

        assertThat(agent.renew("app").ok()).contains("Manually triggered issuance of Certificate default/app");

        String newSerial = Waiting.until("the agent to re-issue app-tls", Duration.ofSeconds(120), () -> {
            String serial = Certificates.serial(Certificates.first(appSecret.resolve("tls.crt")));
            return serial.equals(oldSerial) ? null : serial;
        });
        // One switch of the ..data link replaced every file: a new generation whose key belongs to its certificate.
        assertThat(Files.readSymbolicLink(appSecret.resolve("..data"))).isNotEqualTo(oldGeneration);
        assertThat(Files.readSymbolicLink(appSecret.resolve("tls.crt")).toString()).isEqualTo("..data/tls.crt");
        assertThat(Keys.match(dir, appSecret)).as("the new tls.key belongs to the new tls.crt").isTrue();
        Waiting.until("the reload hook to reload nginx (" + nginx.errorLog + ")", Duration.ofSeconds(60),
                () -> nginx.reloads() > reloads ? Boolean.TRUE : null);

        try (Browser browser = Browser.open(home, dir.resolve("chromium-renewed"), HOST, dir.resolve("chromedriver-renewed.log"))) {
            String seen = Waiting.until("nginx to serve the renewed certificate to Chromium", Duration.ofSeconds(60), () -> {
                Browser.Page page = browser.load(nginx.url(HOST));
                if (!page.text().contains(Nginx.PAGE_TEXT)) throw new IllegalStateException("the page did not load: " + page.title());
                String serial = Certificates.serial(browser.certificateChain("https://" + HOST + ":" + nginx.port).getFirst());
                return serial.equals(newSerial) ? serial : null;
            });
            assertThat(seen).isNotEqualTo(oldSerial);
        }
        String status = agent.status("app").ok();
        assertThat(status).contains("Ready: True, Reason: Ready", "ManuallyTriggered", "Name: app-2");
        assertThat(status.lines().filter(l -> l.matches("\\s*Normal\\s+Reloaded\\s.*"))).as(status).hasSize(2);
    }
}
