package dev.stamp.server.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stamp.core.Pki;
import dev.stamp.core.StampException;
import dev.stamp.core.audit.AuditEvent;
import dev.stamp.core.ca.CaResources;
import dev.stamp.core.revoke.Revocation;
import dev.stamp.core.token.AccessKey;
import dev.stamp.core.token.AccessKeys;
import dev.stamp.server.auth.FailureLimiter;
import dev.stamp.server.http.RequestBodies;
import dev.stamp.server.http.RequestIds;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The AWS-compatible endpoint on the HTTPS API listener: {@code POST /} with {@code X-Amz-Target:
 * ACMPrivateCA.<Operation>} (AWS JSON 1.1) for AWS Private CA, and the STS query protocol's
 * {@code Action=GetCallerIdentity}, both authenticated with SigV4 against Stamp's access keys. Errors are AWS's:
 * {@code {"__type": ..., "message": ...}} with {@code X-Amzn-ErrorType} for JSON, an ErrorResponse document for STS.
 */
public final class AwsRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AwsRoutes.class);
    static final String JSON_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "ACMPrivateCA.";

    private final AcmPcaOperations operations;
    private final AccessKeys keys;
    /** A signing service: its SigV4 name and the name its protocol gives an incomplete signature. */
    private record Service(String name, String incompleteSignature) {}

    private static final Service ACM_PCA = new Service("acm-pca", "IncompleteSignatureException");
    private static final Service STS = new Service("sts", "IncompleteSignature");
    private final AwsSettings settings;
    private final Pki pki;
    private final InstantSource clock;
    private final FailureLimiter limiter;
    private final ObjectMapper json = JsonMapper.builder().build();

    /**
     * @param revoked told of each revocation made through this API (the server's revocation propagation: OCSP answer
     *                refreshed, CRL published at once)
     * @param limiter the failed-authentication limit per address, shared with the native API's authenticator so a
     *                caller gets one budget, not one per protocol
     */
    public AwsRoutes(Pki pki, AwsApi api, InstantSource clock, Consumer<Revocation> revoked, FailureLimiter limiter) {
        this.pki = pki;
        this.keys = api.keys();
        this.settings = api.settings();
        this.clock = clock;
        this.limiter = limiter;
        this.operations = new AcmPcaOperations(pki, new CaResources(pki.stores().cas(), pki.stores().caResources(), clock, CaResources.Pause.sleeping()), settings, clock,
                api.reportDir(), revoked);
    }

    /** Serves {@code POST /} on the listener. */
    public void register(JavalinConfig config) {
        config.routes.post("/", this::handle);
    }

    private void handle(Context ctx) {
        byte[] body = RequestBodies.read(ctx);
        String target = ctx.header("X-Amz-Target");
        if (target == null && isForm(ctx.header("Content-Type"))) {
            handleSts(ctx, body);
            return;
        }
        try {
            ctx.contentType(JSON_TYPE);
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new AwsException("UnknownOperationException", 400, "X-Amz-Target must be " + TARGET_PREFIX + "<Operation>, not '" + target + "'");
            }
            AccessKey key = authenticate(ctx, body, ACM_PCA);
            String name = target.substring(TARGET_PREFIX.length());
            AwsOperation op = operations.find(name);
            if (op == null) {
                throw new AwsException("UnknownOperationException", 400, "operation '" + name + "' is not one Stamp serves; it serves " + operations.names());
            }
            JsonNode input;
            try {
                input = body.length == 0 ? json.createObjectNode() : json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AwsException("SerializationException", 400, "the request body is not JSON: " + e.getOriginalMessage());
            }
            ObjectNode output = operations.run(op, Input.root(input), new AwsOperation.Caller(key.id(), key.asToken()));
            ctx.status(200).result(json.writeValueAsBytes(output));
        } catch (AwsException e) {
            jsonError(ctx, e.status(), e.type(), e.getMessage());
        } catch (StampException e) {
            AwsException mapped = AwsErrors.of(e, "");
            jsonError(ctx, mapped.status(), mapped.type(), mapped.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("AWS request {} failed", RequestIds.of(ctx), e);
            jsonError(ctx, 500, "InternalFailure", "the request failed inside the server; request id " + RequestIds.of(ctx));
        }
    }

    /** STS GetCallerIdentity, which aws-privateca-issuer calls before it marks an issuer Ready. */
    private void handleSts(Context ctx, byte[] body) {
        ctx.contentType("text/xml");
        try {
            Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
            String action = form.get("Action");
            if (!"GetCallerIdentity".equals(action)) {
                throw new AwsException("InvalidAction", 400, "Could not find operation " + action + " for version " + form.get("Version"));
            }
            AccessKey key = authenticate(ctx, body, STS);
            ctx.status(200).result(StsXml.callerIdentity(key.id(), settings.account(), RequestIds.of(ctx)));
        } catch (AwsException e) {
            ctx.status(e.status()).result(StsXml.error(stsName(e.type()), e.getMessage(), RequestIds.of(ctx)));
        } catch (RuntimeException e) {
            LOG.error("STS request {} failed", RequestIds.of(ctx), e);
            ctx.status(500).result(StsXml.error("InternalFailure", "the request failed inside the server", RequestIds.of(ctx)));
        }
    }

    /** STS (query protocol) names the signature errors differently from the JSON services. */
    private static String stsName(String jsonName) {
        return switch (jsonName) {
            case "InvalidSignatureException" -> "SignatureDoesNotMatch";
            case "UnrecognizedClientException" -> "InvalidClientTokenId";
            case "MissingAuthenticationTokenException" -> "MissingAuthenticationToken";
            default -> jsonName;
        };
    }

    /** Checks SigV4; a failure is audited (never with the signature) and counted against the caller's address. */
    private AccessKey authenticate(Context ctx, byte[] body, Service service) {
        String address = ctx.ip();
        if (!limiter.allowed(address)) {
            throw new AwsException("ThrottlingException", 400, "too many failed authentications from this address; try again later");
        }
        // The key the signature names is read once: its secret checks the signature, its role then authorises.
        AccessKey[] named = new AccessKey[1];
        SigV4Verifier verifier = new SigV4Verifier(settings.region(), service.name(), clock,
                id -> keys.find(id).map(k -> {
                    named[0] = k;
                    return keys.secretOf(k);
                }), service.incompleteSignature());
        SigV4Outcome outcome = verifier.verify(new SigV4Request(ctx.method().name(), ctx.req().getRequestURI(), ctx.req().getQueryString(),
                headers(ctx), body));
        if (outcome instanceof SigV4Outcome.Valid) return named[0];
        SigV4Outcome.Refused refused = (SigV4Outcome.Refused) outcome;
        limiter.failed(address);
        pki.stores().audit().append(new AuditEvent(clock.instant(), "anonymous", "auth.failed", "", address,
                (service == ACM_PCA ? "acm-pca " + ctx.header("X-Amz-Target") : "sts") + ": " + refused.errorName()));
        int status = refused.errorName().startsWith("MissingAuthenticationToken") ? 403 : 400;
        throw new AwsException(refused.errorName(), status, refused.message());
    }

    private void jsonError(Context ctx, int status, String type, String message) {
        ObjectNode error = json.createObjectNode().put("__type", type).put("message", message);
        ctx.status(status).contentType(JSON_TYPE).header("X-Amzn-ErrorType", type).result(error.toString());
    }

    private static Map<String, List<String>> headers(Context ctx) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            List<String> values = new ArrayList<>(Collections.list(ctx.req().getHeaders(name)));
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values);
        }
        return headers;
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            try {
                out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new AwsException("MalformedQueryString", 400, "the form body is not valid URL encoding");
            }
        }
        return out;
    }
}
