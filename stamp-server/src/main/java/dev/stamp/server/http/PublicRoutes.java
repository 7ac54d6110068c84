package dev.stamp.server.http;

import dev.stamp.core.Pki;
import dev.stamp.core.crypto.Pem;
import io.javalin.config.JavalinConfig;
import dev.stamp.core.revoke.CrlPartitions;
import dev.stamp.core.revoke.PublishedCrl;
import io.javalin.http.Context;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The plain-HTTP listener: CA certificates at the caIssuers URL, CRLs at the distribution points, liveness, readiness
 * and metrics. Nothing here
 * needs a token or reveals more than a CA certificate, which is public by nature.
 */
public final class PublicRoutes {
    private final Pki pki;
    private final String defaultCaId;
    private final IssuanceMetrics metrics;

    public PublicRoutes(Pki pki, String defaultCaId, IssuanceMetrics metrics) {
        this.pki = pki;
        this.defaultCaId = defaultCaId;
        this.metrics = metrics;
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
     * The CRL at a certificate's distribution point, as DER. A fresh one is signed when the latest has expired or a
     * revocation came after it, so a revocation shows on the next fetch. Caches may keep it a minute.
     */
    private void crl(Context ctx, String file, int partition) {
        if (!file.endsWith(".crl")) throw new Problems.EdgeException(ProblemType.NOT_FOUND, "CRLs are at /crl/{id}.crl or /crl/{id}/{partition}.crl");
        PublishedCrl crl = pki.crls().current(file.substring(0, file.length() - 4), partition);
        ctx.contentType("application/pkix-crl")
                .header("Cache-Control", "public, max-age=60, no-transform")
                .header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(crl.thisUpdate().atOffset(ZoneOffset.UTC)))
                .header("ETag", "\"" + crl.caId() + "-" + crl.partition() + "-" + crl.number() + "\"")
                .result(crl.der());
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
