package dev.stamp.server;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * The API listener's TLS material brought by the operator: a PEM certificate chain (leaf first) and a PKCS#8 private
 * key, unencrypted or encrypted under the passphrase in {@code passphraseFile}. Read again whenever asked, so a
 * renewal by an external tool (certbot, cert-manager, Stamp itself) is picked up without a restart.
 */
public record TlsFiles(Path cert, Path key, Path passphraseFile) {
    /** OpenSSL's PBES2 ciphers go by Bouncy Castle's names (AES/CBC/PKCS7Padding); a private instance, not registered. */
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    /** TLS files that cannot be used; the message names the file and why. */
    public static final class Unusable extends RuntimeException {
        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public TlsMaterial load() {
        List<X509Certificate> chain = chain();
        PrivateKey privateKey = privateKey();
        if (!matches(privateKey, chain.getFirst())) {
            throw new Unusable("the key in " + key + " does not belong to the first certificate in " + cert, null);
        }
        return new TlsMaterial(privateKey, chain);
    }

    /** A digest of the files' contents: when it changes, the files have been replaced. */
    public byte[] fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Files.readAllBytes(cert));
            sha.update(Files.readAllBytes(key));
            if (passphraseFile != null) sha.update(Files.readAllBytes(passphraseFile));
            return sha.digest();
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new Unusable("cannot read the TLS files " + cert + " and " + key + ": " + e.getMessage(), e);
        }
    }

    private List<X509Certificate> chain() {
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(cert))).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) throw new Unusable(cert + " holds no PEM certificate", null);
            return chain;
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new Unusable("cannot read the TLS certificate chain " + cert + ": " + e.getMessage(), e);
        }
    }

    private PrivateKey privateKey() {
        try (PEMParser pem = new PEMParser(new StringReader(Files.readString(key, StandardCharsets.US_ASCII)))) {
            Object o = pem.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
            if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                if (passphraseFile == null) throw new Unusable(key + " is encrypted: give its passphrase file (--tls-key-passphrase-file)", null);
                char[] passphrase = passphrase();
                try {
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BOUNCY_CASTLE).build(passphrase)));
                } finally {
                    Arrays.fill(passphrase, '\0');
                }
            }
            throw new Unusable(key + " holds no PEM private key (PKCS#8 'PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY')", null);
        } catch (Unusable e) {
            throw e;
        } catch (Exception e) { // a wrong passphrase surfaces as one of several BC exceptions
            throw new Unusable("cannot read the TLS private key " + key + " (wrong passphrase?): " + e.getMessage(), e);
        }
    }

    private char[] passphrase() throws IOException {
        String text = Files.readString(passphraseFile, StandardCharsets.UTF_8);
        return text.strip().toCharArray();
    }

    /** Signs and verifies a probe: the only check that works alike for RSA, EC and EdDSA keys. */
    private static boolean matches(PrivateKey key, X509Certificate leaf) {
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> key.getAlgorithm(); // Ed25519, Ed448
            };
            byte[] probe = "stamp tls key check".getBytes(StandardCharsets.US_ASCII);
            var signer = java.security.Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            var verifier = java.security.Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
