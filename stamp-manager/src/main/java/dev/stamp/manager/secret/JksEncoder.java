package dev.stamp.manager.secret;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * JKS files through the JDK, as cert-manager writes them: the keystore holds the key under the alias (default
 * "certificate", key password = store password) with the chain, plus the CA certificates as trusted entries "ca",
 * "ca-1", ...; the truststore holds only the CA entries.
 */
final class JksEncoder {
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private JksEncoder() {}

    static byte[] keystore(String alias, char[] password, PrivateKey key, List<X509CertificateHolder> chain,
                           List<X509CertificateHolder> cas) {
        try {
            KeyStore ks = empty();
            ks.setKeyEntry(alias, key, password, chain.stream().map(JksEncoder::x509).toArray(Certificate[]::new));
            addCas(ks, cas);
            return store(ks, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the JKS keystore: " + e.getMessage(), e);
        }
    }

    static byte[] truststore(char[] password, List<X509CertificateHolder> cas) {
        try {
            KeyStore ks = empty();
            addCas(ks, cas);
            return store(ks, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the JKS truststore: " + e.getMessage(), e);
        }
    }

    private static KeyStore empty() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        return ks;
    }

    private static void addCas(KeyStore ks, List<X509CertificateHolder> cas) throws GeneralSecurityException {
        for (int i = 0; i < cas.size(); i++) {
            ks.setCertificateEntry(i == 0 ? "ca" : "ca-" + i, x509(cas.get(i)));
        }
    }

    private static byte[] store(KeyStore ks, char[] password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }

    private static X509Certificate x509(X509CertificateHolder holder) {
        try {
            return CONVERTER.getCertificate(holder);
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalArgumentException("cannot convert certificate " + holder.getSubject() + ": " + e.getMessage(), e);
        }
    }
}
