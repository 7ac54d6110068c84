package dev.stamp.manager.policy;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes what a Secret and a CertificateRequest hold: certificates ({@code tls.crt}, leaf first), a private key
 * ({@code tls.key}: PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY" or PKCS#8 "PRIVATE KEY"; RSA, ECDSA, Ed25519)
 * and a CSR. Errors name the kind of data and the problem, never key bytes.
 */
final class Pems {
    private Pems() {}

    /** The first certificate of a PEM bundle: the leaf, by cert-manager's convention. */
    static X509CertificateHolder leafCertificate(byte[] pem) {
        List<Object> objects = read(pem, "certificate");
        for (Object o : objects) {
            if (o instanceof X509CertificateHolder cert) return cert;
        }
        throw new DecodeException("error decoding certificate PEM block: no CERTIFICATE block found");
    }

    static X509CertificateHolder leafCertificate(String pem) {
        return leafCertificate(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** The private key, as Bouncy Castle's lightweight key parameters (which let us derive the public key). */
    static AsymmetricKeyParameter privateKey(byte[] pem) {
        List<Object> objects = read(pem, "private key");
        if (objects.size() != 1) {
            throw new DecodeException("error decoding private key PEM block: expected one block, found " + objects.size());
        }
        PrivateKeyInfo info = switch (objects.getFirst()) {
            case PEMKeyPair pair -> pair.getPrivateKeyInfo();
            case PrivateKeyInfo pkcs8 -> pkcs8;
            default -> throw new DecodeException("unknown private key type: expected RSA PRIVATE KEY, EC PRIVATE KEY"
                    + " or PRIVATE KEY, found " + objects.getFirst().getClass().getSimpleName());
        };
        try {
            return PrivateKeyFactory.createKey(info);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("error parsing private key: " + e.getMessage());
        }
    }

    static PKCS10CertificationRequest csr(String pem) {
        List<Object> objects = read(pem.getBytes(StandardCharsets.US_ASCII), "certificate request");
        if (objects.size() == 1 && objects.getFirst() instanceof PKCS10CertificationRequest csr) return csr;
        throw new DecodeException("error decoding certificate request PEM block: expected one CERTIFICATE REQUEST");
    }

    private static List<Object> read(byte[] pem, String what) {
        List<Object> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            Object o;
            while ((o = parser.readObject()) != null) out.add(o);
        } catch (IOException | RuntimeException e) {
            throw new DecodeException("error decoding " + what + " PEM block: " + e.getMessage());
        }
        if (out.isEmpty()) throw new DecodeException("error decoding " + what + " PEM block: no PEM data found");
        return out;
    }
}
