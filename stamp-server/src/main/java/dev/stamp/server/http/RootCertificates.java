package dev.stamp.server.http;

import dev.stamp.core.Pki;
import dev.stamp.core.StampException;
import dev.stamp.core.ca.CaStatus;
import dev.stamp.core.ca.CaType;
import dev.stamp.core.ca.CertificateAuthority;
import dev.stamp.core.crypto.Pem;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * {@code GET /roots/{sha256}.crt}: a root CA certificate found by its SHA-256 fingerprint, DER, for bootstrapping
 * trust ({@code stamp trust install --server URL --fingerprint FP}). Public on both listeners: a root certificate
 * is public by nature, and the client trusts it only if its fingerprint is the one it brought. The body for a
 * fingerprint can never change, so caches may keep it.
 */
public final class RootCertificates {
    private final Pki pki;

    public RootCertificates(Pki pki) {
        this.pki = pki;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/roots/{file}", this::root);
    }

    private void root(Context ctx) {
        String file = ctx.pathParam("file");
        String hex = file.endsWith(".crt") ? file.substring(0, file.length() - 4).toLowerCase(Locale.ROOT) : "";
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new Problems.EdgeException(ProblemType.NOT_FOUND, "root certificates are at /roots/{sha256 as 64 hex digits}.crt, not /roots/" + file);
        }
        byte[] der = pki.authorities().list().stream()
                .filter(ca -> ca.type() == CaType.ROOT && ca.status() != CaStatus.DELETED && ca.certificate() != null)
                .map(CertificateAuthority::certificate).map(Pem::encoded)
                .filter(d -> sha256(d).equals(hex))
                .findFirst()
                .orElseThrow(() -> StampException.notFound("no root CA with SHA-256 fingerprint " + hex));
        ctx.contentType("application/pkix-cert").header("Cache-Control", "public, max-age=86400, immutable").result(der);
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
