package dev.stamp.manager.issuer;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;

/** Reads a {@code tls.key}: PKCS#1 RSA, SEC 1 EC or PKCS#8 PEM, as cert-manager writes and accepts them. */
final class PrivateKeys {
    private PrivateKeys() {}

    /** The key, or IllegalArgumentException saying what the bytes were instead (never the bytes). */
    static PrivateKey parse(byte[] pem) {
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            return switch (o) {
                // SEC 1 keys may omit the public key, so only the private part is converted
                case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                case PrivateKeyInfo info -> converter.getPrivateKey(info);
                case null -> throw new IllegalArgumentException("no PEM private key found");
                default -> throw new IllegalArgumentException("expected a PEM private key, found " + o.getClass().getSimpleName());
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException("the private key is not valid PEM: " + e.getMessage(), e);
        }
    }
}
