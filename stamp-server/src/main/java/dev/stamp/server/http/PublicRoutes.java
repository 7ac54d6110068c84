package dev.stamp.server.http;

import dev.stamp.core.Pki;
import dev.stamp.core.crypto.Pem;
import io.javalin.config.JavalinConfig;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import io.javalin.http.Context;

import dev.stamp.server.revoke.RevocationPropagation;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plain-HTTP listener: CA certificates at the caIssuers URL, CRLs at the distribution points, liveness, readiness
 * and metrics. Nothing here
 * needs a token or reveals more than a CA certificate, which is public by nature.
 */
public final class PublicRoutes {
    /** How long an HTTP cache may keep a CRL (never past its nextUpdate): a newer CRL reaches caches within a minute. */
    static final Duration CRL_MAX_AGE = Duration.ofMinutes(1);

    private final Pki pki;
    private final String defaultCaId;
    private final IssuanceMetrics metrics;
    private final RevocationPropagation crls;
    private final InstantSource clock;

    public PublicRoutes(Pki pki, String defaultCaId, IssuanceMetrics metrics, RevocationPropagation crls, InstantSource clock) {
        this.pki = pki;
        this.defaultCaId = defaultCaId;
        this.metrics = metrics;
        this.crls = crls;
        this.clock = clock;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/ca/{file}", this::caCertificate);
        config.routes.get("/crl/{file}", ctx -> crl(ctx, ctx.pathParam("file"), CrlPartitions.WHOLE));
        config.routes.get("/crl/{caId}/{file}", ctx -> crl(ctx, ctx.pathParam("caId") + ".crl", partition(ctx.pathParam("file"))));
        config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
        config.routes.get("/readyz", this::ready);
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape().getBytes(StandardCharsets.UTF_8)));
    }

    private void caCertificate(Context ctx) {
        String file = ctx.pathParam("file");
        if (!file.endsWith(".cer")) throw new Problems.EdgeException(ProblemType.NOT_FOUND, "CA certificates are at /ca/{id}.cer");
        var ca = pki.authorities().get(file.substring(0, file.length() - 4));
        if (ca.certificate() == null) throw dev.stamp.core.StampException.notFound("CA " + ca.id() + " has no certificate yet");
        ctx.contentType("application/pkix-cert").result(Pem.encoded(ca.certificate()));
    }

    /**
     * The CRL at a certificate's distribution point, as DER: the one the background publisher keeps current, or one
     * signed now when the latest has expired or a revocation came after it (the safety net if the publisher lags).
     * Caches may keep it {@link #CRL_MAX_AGE}, never past its nextUpdate; a conditional request for the same CRL
     * (If-None-Match with its ETag, or If-Modified-Since its thisUpdate) gets 304 without the body.
     */
    private void crl(Context ctx, String file, int partition) {
        if (!file.endsWith(".crl")) throw new Problems.EdgeException(ProblemType.NOT_FOUND, "CRLs are at /crl/{id}.crl or /crl/{id}/{partition}.crl");
        PublishedCrl crl = crls.current(file.substring(0, file.length() - 4), partition);
        Instant now = clock.instant();
        long maxAge = maxAge(now, crl.nextUpdate());
        String etag = "\"" + crl.caId() + "-" + crl.partition() + "-" + crl.number() + "\"";
        Instant lastModified = crl.thisUpdate().truncatedTo(ChronoUnit.SECONDS);
        ctx.contentType("application/pkix-crl")
                .header("Cache-Control", "public, max-age=" + maxAge + ", no-transform")
                .header("Expires", HttpCaching.date(now.plusSeconds(maxAge)))
                .header("Last-Modified", HttpCaching.date(lastModified))
                .header("ETag", etag);
        if (HttpCaching.notModified(ctx.header("If-None-Match"), ctx.header("If-Modified-Since"), etag, lastModified)) {
            ctx.status(304);
            return;
        }
        ctx.result(crl.der());
    }

    /** Seconds a cache may keep a CRL: {@link #CRL_MAX_AGE}, less when nextUpdate is nearer, 0 once it has passed. */
    static long maxAge(Instant now, Instant nextUpdate) {
        return Math.max(0, Math.min(CRL_MAX_AGE.toSeconds(), Duration.between(now, nextUpdate).getSeconds()));
    }

    private static int partition(String file) {
        String digits = file.endsWith(".crl") ? file.substring(0, file.length() - 4) : "";
        if (!digits.matches("\\d{1,4}")) throw new Problems.EdgeException(ProblemType.NOT_FOUND, "CRL partitions are at /crl/{id}/{partition}.crl");
        return Integer.parseInt(digits);
    }

    /**
     * Ready when the database answers (a read that bypasses every cache) and the default CA's key signs: the vault
     * produces a signature that verifies under the CA certificate's public key. 503 names the failed check.
     */
    private void ready(Context ctx) {
        Map<String, String> checks = new java.util.LinkedHashMap<>();
        dev.stamp.core.ca.CertificateAuthority ca = null;
        try {
            var found = pki.stores().cas().find(defaultCaId == null ? "" : defaultCaId);
            checks.put("database", "ok");
            ca = found.orElse(null);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PublicRoutes.class).warn("not ready: database: {}", e.toString());
            checks.put("database", "unreachable");
        }
        if (defaultCaId != null) checks.put("key", ca == null ? (checks.get("database").equals("ok") ? "no such CA" : "unknown") : keyCheck(ca));
        boolean ready = checks.values().stream().allMatch("ok"::equals);
        ctx.status(ready ? 200 : 503).json(Map.of("status", ready ? "ready" : "unavailable", "checks", checks));
    }

    private String keyCheck(dev.stamp.core.ca.CertificateAuthority ca) {
        try {
            byte[] probe = "stamp readiness probe".getBytes(StandardCharsets.US_ASCII);
            byte[] signature = pki.vault().sign(ca.keyId(), ca.signingAlgorithm(), probe);
            if (ca.certificate() == null) return "ok"; // awaiting its certificate: the key signs, nothing to verify against
            boolean verifies = new dev.stamp.core.crypto.SignatureVerifier(pki.providers()).verify(ca.certificate().getSubjectPublicKeyInfo(),
                    ca.signingAlgorithm().identifier(), probe, signature);
            return verifies ? "ok" : "signature does not verify";
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(PublicRoutes.class).warn("not ready: key of CA {}: {}", ca.id(), e.toString());
            return "unusable";
        }
    }
}
