package dev.stamp.manager.issuer;

import dev.stamp.manager.spec.CertificateRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * aws-privateca-issuer's idempotency token: the first 36 hex characters of sha256("namespace/name") of the
 * CertificateRequest, so a retried request within the server's window gets the certificate the first try made.
 * Both the AWS and the Stamp back-end send it (36 characters is the limit of both APIs).
 */
final class IdempotencyToken {
    private IdempotencyToken() {}

    static String of(CertificateRequest request) {
        return of(request.metadata().namespace(), request.metadata().name());
    }

    static String of(String namespace, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((namespace + "/" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 36);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
