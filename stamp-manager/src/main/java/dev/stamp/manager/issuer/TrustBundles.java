package dev.stamp.manager.issuer;

import dev.stamp.core.crypto.Pem;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;

/**
 * Trust for an issuer's HTTPS endpoint: the certificates of a CA bundle, or the JDK's default trust when there is
 * none. A bundle is given as PEM text, as base64 of PEM (cert-manager's {@code caBundle} convention), or as the path
 * of a PEM file.
 */
final class TrustBundles {
    private TrustBundles() {}

    /** Trust managers for the bundle; null means the JDK default. IllegalArgumentException names a bad bundle. */
    static TrustManager[] trustManagers(String caBundle) {
        if (caBundle == null || caBundle.isBlank()) return null;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (X509CertificateHolder c : certificates(caBundle)) store.setCertificateEntry("ca-" + i++, converter.getCertificate(c));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("the CA bundle cannot be used: " + e.getMessage(), e);
        }
    }

    static SSLContext sslContext(String caBundle) {
        try {
            TrustManager[] managers = trustManagers(caBundle);
            if (managers == null) return SSLContext.getDefault();
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<X509CertificateHolder> certificates(String caBundle) {
        String text = caBundle.strip();
        byte[] pem;
        if (text.contains("-----BEGIN")) {
            pem = text.getBytes(StandardCharsets.US_ASCII);
        } else if (!text.contains("\n") && Files.isRegularFile(Path.of(text))) {
            try {
                pem = Files.readAllBytes(Path.of(text));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read the CA bundle file " + text + ": " + e.getMessage(), e);
            }
        } else {
            try {
                pem = Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the CA bundle is neither PEM, base64 of PEM nor a file path", e);
            }
        }
        try {
            return Pem.certificates(pem);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the CA bundle holds no PEM certificates: " + e.getMessage(), e);
        }
    }
}
