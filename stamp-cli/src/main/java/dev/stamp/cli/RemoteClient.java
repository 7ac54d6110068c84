package dev.stamp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * The server's REST API ({@code /api/v1}) as the CLI uses it: bearer token, JSON in and out, and problem documents
 * turned back into the {@link StampException}s the server raised, so errors print and exit as they do locally.
 */
final class RemoteClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final RemoteOptions options;
    private final HttpClient http;

    RemoteClient(RemoteOptions options) {
        this.options = options;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (options.caCert() != null) b.sslContext(trusting(options.caCert()));
        this.http = b.build();
    }

    /** A server error (5xx) or an answer that is not the API's: exit code 70, as an unexpected local error. */
    static final class ServerError extends RuntimeException {
        ServerError(String message) { super(message); }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode get(String path) {
        return json(exchange("GET", path, null, "application/json"));
    }

    byte[] getBytes(String path, String accept) {
        return exchange("GET", path, null, accept);
    }

    JsonNode send(String method, String path, Object body) {
        return json(exchange(method, path, body, "application/json"));
    }

    private byte[] exchange(String method, String path, Object body, String accept) {
        URI uri = URI.create(options.server() + "/api/v1" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + options.token()).header("Accept", accept + ", application/problem+json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).header("Content-Type", "application/json");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UserError("cannot reach the server at " + options.server() + ": " + describe(e)
                    + (e instanceof javax.net.ssl.SSLException ? " (is its CA trusted? see --ca-cert)" : ""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while waiting for " + options.server());
        }
        if (r.statusCode() / 100 == 2) return r.body();
        throw problem(method, path, r);
    }

    /** The server's problem document as the exception the server raised: detail as the message, type as the code. */
    private static RuntimeException problem(String method, String path, HttpResponse<byte[]> r) {
        JsonNode p;
        try {
            p = JSON.readTree(r.body());
        } catch (IOException e) {
            p = null;
        }
        if (p == null || !p.hasNonNull("type")) {
            return new ServerError("the server answered " + method + " " + path + " with HTTP " + r.statusCode() + " and no problem document");
        }
        String detail = p.path("detail").asText(p.path("title").asText("HTTP " + r.statusCode()));
        if (r.statusCode() >= 500) return new ServerError("server error (HTTP " + r.statusCode() + "): " + detail);
        String type = p.get("type").asText();
        String slug = type.substring(type.lastIndexOf('/') + 1).toUpperCase(Locale.ROOT).replace('-', '_');
        ErrorCode code;
        try {
            code = ErrorCode.valueOf(slug);
        } catch (IllegalArgumentException e) {
            code = r.statusCode() == 404 ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_ARGUMENT; // edge-only types: malformed request...
        }
        return new StampException(code, detail);
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ServerError("the server's answer is not JSON: " + e.getMessage());
        }
    }

    private static SSLContext trusting(java.nio.file.Path pem) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)))) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) throw new UserError("--ca-cert " + pem + " holds no certificate");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UserError("cannot read --ca-cert " + pem + ": " + describe(e));
        } catch (java.security.GeneralSecurityException e) {
            throw new UserError("--ca-cert " + pem + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
