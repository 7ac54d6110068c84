package dev.stamp.manager.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretKeySelector;
import dev.stamp.manager.spec.SecretSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * aws-privateca-issuer's behaviour over the AWS Private CA API (Stamp's or AWS's): the issuer is Ready
 * ({@code Verified}) once STS GetCallerIdentity answers; signing makes exactly its calls: DescribeCertificateAuthority
 * once per issuer for the CA's signing algorithm, IssueCertificate (the CSR, the mapped template, an ABSOLUTE
 * validity of now + duration, the request's idempotency token), then GetCertificate. Thread-safe; close it to
 * release the HTTP client.
 */
final class AwsPcaBackend implements IssuerBackend, AutoCloseable {
    static final String VERIFIED = "Verified";
    static final String VALIDATION = "Validation";
    static final String ERROR = "Error";
    static final String DEFAULT_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    static final String DEFAULT_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretNamespace namespaces;
    private final AwsPcaSettings settings;
    private final Clock clock;
    private final SdkHttpClient http;
    /** The CA's SigningAlgorithm per issuer and CA, read once, as aws-privateca-issuer's provisioner caches it. */
    private final Map<String, String> signingAlgorithms = new ConcurrentHashMap<>();

    AwsPcaBackend(SecretNamespace namespaces, AwsPcaSettings settings, Clock clock) {
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        TrustManager[] trust = TrustBundles.trustManagers(settings.caBundle());
        UrlConnectionHttpClient.Builder builder = UrlConnectionHttpClient.builder();
        if (trust != null) builder.tlsTrustManagersProvider(() -> trust);
        this.http = builder.build();
    }

    @Override
    public IssuerCheck check(Issuer issuer, SecretSource secrets) {
        IssuerConfig.AwsPca config = config(issuer);
        if (config.arn() == null || config.arn().isBlank()) return IssuerCheck.notReady(VALIDATION, "spec.arn cannot be empty");
        String region;
        try {
            region = settings.regionFor(config.region());
        } catch (IllegalArgumentException e) {
            return IssuerCheck.notReady(VALIDATION, e.getMessage());
        }
        try (StsClient sts = sts(region, credentials(issuer, config, secrets, region))) {
            sts.getCallerIdentity();
            return IssuerCheck.ready(VERIFIED, "Issuer verified");
        } catch (IllegalArgumentException e) {
            return IssuerCheck.notReady(ERROR, e.getMessage());
        } catch (StsException e) {
            return IssuerCheck.notReady(ERROR, "sts:GetCallerIdentity failed: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage());
        } catch (SdkException e) {
            return IssuerCheck.notReady(ERROR, "sts:GetCallerIdentity failed: " + e.getMessage());
        }
    }

    @Override
    public SignOutcome sign(SignRequest request) {
        IssuerConfig.AwsPca config = config(request.issuer());
        if (config.arn() == null || config.arn().isBlank()) return new SignOutcome.Failed(VALIDATION, "spec.arn cannot be empty");
        String region;
        AcmPcaJsonClient pca;
        try {
            region = settings.regionFor(config.region());
            pca = new AcmPcaJsonClient(http, settings.acmPca(region), region,
                    credentials(request.issuer(), config, request.secrets(), region), clock);
        } catch (IllegalArgumentException e) {
            return new SignOutcome.Failed(VALIDATION, e.getMessage());
        }
        CertificateRequestSpec spec = request.request().spec();
        try {
            String signingAlgorithm = signingAlgorithm(request.issuer(), config, pca);
            ObjectNode issue = JSON.createObjectNode();
            issue.put("CertificateAuthorityArn", config.arn());
            issue.put("Csr", Base64.getEncoder().encodeToString(spec.request().getBytes(StandardCharsets.US_ASCII)));
            issue.put("SigningAlgorithm", signingAlgorithm);
            issue.put("TemplateArn", TemplateMapping.templateArn(config.arn(),
                    TemplateMapping.templateName(config.defaultTemplateName(), spec.isCA(), spec.usages())));
            issue.putObject("Validity").put("Type", "ABSOLUTE").put("Value", request.now().getEpochSecond() + spec.duration().toSeconds());
            issue.put("IdempotencyToken", IdempotencyToken.of(request.request()));
            String certificateArn = pca.call("IssueCertificate", issue).path("CertificateArn").asText();

            ObjectNode get = JSON.createObjectNode();
            get.put("CertificateArn", certificateArn);
            get.put("CertificateAuthorityArn", config.arn());
            JsonNode certificate = pca.call("GetCertificate", get);
            try {
                return Chains.split(certificate.path("Certificate").asText(), certificate.path("CertificateChain").asText(""));
            } catch (RuntimeException e) {
                return new SignOutcome.Failed(ERROR, "failed to read certificate: " + e.getMessage());
            }
        } catch (AwsError e) {
            if (e.type().equals("RequestInProgressException")) return new SignOutcome.Pending("waiting for certificate to be issued");
            if (e.retryable()) return new SignOutcome.Pending(e.type() + ": " + e.getMessage());
            return new SignOutcome.Failed(e.type(), e.getMessage());
        } catch (IOException | SdkClientException e) {
            return new SignOutcome.Pending("cannot reach " + settings.acmPca(region) + ": " + e.getMessage());
        }
    }

    private String signingAlgorithm(Issuer issuer, IssuerConfig.AwsPca config, AcmPcaJsonClient pca) throws AwsError, IOException {
        String key = issuer.kind() + "/" + issuer.metadata().namespace() + "/" + issuer.metadata().name() + "/" + config.arn();
        String cached = signingAlgorithms.get(key);
        if (cached != null) return cached;
        ObjectNode describe = JSON.createObjectNode().put("CertificateAuthorityArn", config.arn());
        String algorithm = pca.call("DescribeCertificateAuthority", describe)
                .path("CertificateAuthority").path("CertificateAuthorityConfiguration").path("SigningAlgorithm").asText("");
        if (algorithm.isEmpty()) throw new AwsError(ERROR, "DescribeCertificateAuthority named no SigningAlgorithm for " + config.arn(), 0);
        signingAlgorithms.put(key, algorithm);
        return algorithm;
    }

    /** Static keys from the issuer's Secret, else the SDK's default chain; then the role, if any, assumed through STS. */
    private AwsCredentialsProvider credentials(Issuer issuer, IssuerConfig.AwsPca config, SecretSource secrets, String region) {
        AwsCredentialsProvider base;
        IssuerConfig.AwsCredentialsRef ref = config.secretRef();
        if (ref != null && ref.name() != null && !ref.name().isBlank()) {
            String namespace = namespaces.of(issuer);
            Secret secret = secrets.get(namespace, ref.name()).orElseThrow(() -> new IllegalArgumentException(
                    "failed to retrieve AWS credentials: secret " + namespace + "/" + ref.name() + " not found"));
            String accessKeyId = value(secret, key(ref.accessKeyIDSelector(), DEFAULT_ACCESS_KEY_ID));
            String secretAccessKey = value(secret, key(ref.secretAccessKeySelector(), DEFAULT_SECRET_ACCESS_KEY));
            base = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
        } else {
            base = DefaultCredentialsProvider.builder().build();
        }
        if (config.role() == null || config.role().isBlank()) return base;
        StsClient sts = sts(region, base);
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts)
                .refreshRequest(r -> r.roleArn(config.role()).roleSessionName("stamp-manager")).build();
    }

    private StsClient sts(String region, AwsCredentialsProvider credentials) {
        return StsClient.builder().region(Region.of(region)).endpointOverride(settings.sts(region))
                .credentialsProvider(credentials).httpClient(http).build();
    }

    private static String key(SecretKeySelector selector, String fallback) {
        return selector != null && selector.key() != null && !selector.key().isBlank() ? selector.key() : fallback;
    }

    private static String value(Secret secret, String key) {
        byte[] value = secret.data().get(key);
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("failed to retrieve AWS credentials: secret " + secret.metadata().namespace() + "/"
                    + secret.metadata().name() + " has no key " + key);
        }
        return new String(value, StandardCharsets.UTF_8).strip();
    }

    private static IssuerConfig.AwsPca config(Issuer issuer) {
        if (issuer.config() instanceof IssuerConfig.AwsPca aws) return aws;
        throw new IllegalArgumentException("issuer " + issuer.metadata().name() + " is not an AWSPCA issuer");
    }

    @Override
    public void close() {
        http.close();
    }
}
