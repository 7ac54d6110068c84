package dev.stamp.manager.trust;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a PEM bundle (ca-certificates.crt, tls-ca-bundle.pem) looking for one certificate by its DER. */
final class PemBundle {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private PemBundle() {}

    static boolean contains(Path bundle, TrustRoot root) {
        if (!Files.isRegularFile(bundle)) return false;
        String text;
        try {
            text = Files.readString(bundle, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new StampException(ErrorCode.REQUEST_FAILED, "cannot read the bundle " + bundle + ": " + e.getMessage(), e);
        }
        byte[] der = root.der();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                if (Arrays.equals(der, Base64.getMimeDecoder().decode(m.group(1)))) return true;
            } catch (IllegalArgumentException notBase64) {
                // a damaged block is not the root; keep looking
            }
        }
        return false;
    }
}
