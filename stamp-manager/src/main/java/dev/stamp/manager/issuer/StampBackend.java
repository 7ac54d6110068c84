package dev.stamp.manager.issuer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.manager.spec.CertificateRequestSpec;
import dev.stamp.manager.spec.Issuer;
import dev.stamp.manager.spec.IssuerConfig;
import dev.stamp.manager.spec.Secret;
import dev.stamp.manager.spec.SecretSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stamp's own issuer kind: signs through the native REST API ({@code POST /api/v1/cas/{caId}/certificates}) with a
 * bearer token, trusting the issuer's CA bundle (or the JDK's trust). The template comes from aws-privateca-issuer's
 * usage table (the API takes templates, and the CSR-passthrough one covers everything else); the validity is the
 * request's duration as an absolute end; the idempotency key is derived from the request's namespace and name, so a
 * retry within the server's window gets the same certificate. Thread-safe.
 */
final class StampBackend implements IssuerBackend {
    static final String VERIFIED = "Verified";
    static final String ERROR = "Error";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final SecretNamespace namespaces;
    /** One client per CA bundle: a client holds its TLS trust and its connection pool. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    StampBackend(SecretNamespace namespaces) {
        this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
    }

    @Override
    public IssuerCheck check(Issuer issuer, SecretSource secrets) {
        IssuerConfig.Stamp config = config(issuer);
        String token;
        try {
            token = token(issuer, config, secrets);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return IssuerCheck.notReady(ERROR, e.getMessage());
        }
        try {
            HttpResponse<String> response = send(config, HttpRequest.newBuilder(api(config, "/cas/" + config.caId())).GET(), token);
            if (response.statusCode() != 200) {
                return IssuerCheck.notReady(ERROR, "reading CA " + config.caId() + " answered " + response.statusCode() + ": " + detail(response));
            }
            String status = JSON.readTree(response.body()).path("status").asText();
            if (!status.equals("ACTIVE")) {
                return IssuerCheck.notReady(ERROR, "CA " + config.caId() + " is " + status + ", not ACTIVE");
            }
            return IssuerCheck.ready(VERIFIED, "Issuer verified");
        } catch (IOException e) {
            return IssuerCheck.notReady(ERROR, "cannot reach " + config.url() + ": " + message(e));
        } catch (IllegalArgumentException e) {
            return IssuerCheck.notReady(ERROR, e.getMessage());
        }
    }

    @Override
    public SignOutcome sign(SignRequest request) {
        IssuerConfig.Stamp config = config(request.issuer());
        String token;
        try {
            token = token(request.issuer(), config, request.secrets());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new SignOutcome.Pending(e.getMessage()); // a token file or Secret may appear later
        }
        CertificateRequestSpec spec = request.request().spec();
        ObjectNode body = JSON.createObjectNode();
        body.put("csr", spec.request());
        body.putObject("validity").put("value", request.now().plus(spec.duration()).getEpochSecond()).put("type", "ABSOLUTE");
        body.put("template", TemplateMapping.templateName(null, spec.isCA(), spec.usages()));
        String idempotencyKey = IdempotencyToken.of(request.request());
        try {
            HttpResponse<String> response = send(config, HttpRequest.newBuilder(api(config, "/cas/" + config.caId() + "/certificates"))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())), token);
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                JsonNode issued = JSON.readTree(response.body());
                try {
                    return Chains.split(issued.path("certificate").asText(), issued.path("chain").asText());
                } catch (RuntimeException e) {
                    return new SignOutcome.Failed("InvalidCertificate", "failed to read certificate: " + e.getMessage());
                }
            }
            String type = problemType(response);
            // busy rather than wrong: a rate limit, or a certificate still being signed
            if (status >= 500 || status == 429 || type.equals("request-in-progress")) {
                return new SignOutcome.Pending("Stamp answered " + status + " (" + type + "): " + detail(response));
            }
            return new SignOutcome.Failed(type.isEmpty() ? "HTTP" + status : type, detail(response));
        } catch (IOException e) {
            return new SignOutcome.Pending("cannot reach " + config.url() + ": " + message(e));
        } catch (IllegalArgumentException e) {
            return new SignOutcome.Failed("InvalidIssuer", e.getMessage());
        }
    }

    private HttpResponse<String> send(IssuerConfig.Stamp config, HttpRequest.Builder builder, String token) throws IOException {
        HttpClient client = clients.computeIfAbsent(config.caBundle() == null ? "" : config.caBundle(),
                bundle -> HttpClient.newBuilder().sslContext(TrustBundles.sslContext(bundle)).connectTimeout(TIMEOUT).build());
        try {
            return client.send(builder.timeout(TIMEOUT).header("Authorization", "Bearer " + token).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String token(Issuer issuer, IssuerConfig.Stamp config, SecretSource secrets) {
        if (config.tokenFile() != null && !config.tokenFile().isBlank()) {
            try {
                String token = Files.readString(Path.of(config.tokenFile()), StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) throw new IllegalStateException("the token file " + config.tokenFile() + " is empty");
                return token;
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the token file " + config.tokenFile() + ": " + message(e), e);
            }
        }
        if (config.tokenSecretRef() != null) {
            String namespace = namespaces.of(issuer);
            Secret secret = secrets.get(namespace, config.tokenSecretRef().name()).orElseThrow(() -> new IllegalStateException(
                    "the token secret " + namespace + "/" + config.tokenSecretRef().name() + " does not exist"));
            byte[] token = secret.data().get(config.tokenSecretRef().key());
            if (token == null || token.length == 0) {
                throw new IllegalStateException("the token secret " + namespace + "/" + config.tokenSecretRef().name()
                        + " has no key " + config.tokenSecretRef().key());
            }
            return new String(token, StandardCharsets.UTF_8).strip();
        }
        throw new IllegalArgumentException("issuer " + issuer.metadata().name() + " names neither tokenFile nor tokenSecretRef");
    }

    private static URI api(IssuerConfig.Stamp config, String path) {
        if (config.url() == null || config.url().isBlank()) throw new IllegalArgumentException("the Stamp issuer has no url");
        String base = config.url().endsWith("/") ? config.url().substring(0, config.url().length() - 1) : config.url();
        try {
            return URI.create(base + "/api/v1" + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Stamp issuer's url '" + config.url() + "' is not a URL", e);
        }
    }

    /** The last segment of the problem's type URI, e.g. {@code malformed-csr}; empty for a body that is no problem. */
    private static String problemType(HttpResponse<String> response) {
        try {
            String type = JSON.readTree(response.body()).path("type").asText("");
            return type.substring(type.lastIndexOf('/') + 1);
        } catch (IOException e) {
            return "";
        }
    }

    private static String detail(HttpResponse<String> response) {
        try {
            JsonNode problem = JSON.readTree(response.body());
            String detail = problem.path("detail").asText("");
            return detail.isEmpty() ? problem.path("title").asText("HTTP " + response.statusCode()) : detail;
        } catch (IOException e) {
            return "HTTP " + response.statusCode();
        }
    }

    private static String message(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static IssuerConfig.Stamp config(Issuer issuer) {
        if (issuer.config() instanceof IssuerConfig.Stamp stamp) return stamp;
        throw new IllegalArgumentException("issuer " + issuer.metadata().name() + " is not a Stamp issuer");
    }
}
