package dev.stamp.core.vault;

import dev.stamp.core.crypto.SigningAlgorithm;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

/**
 * The self-signed certificate SunPKCS11's KeyStore needs to list a private key (it pairs keys and
 * certificates by CKA_ID). It only carries the public key next to the token key; nothing trusts it,
 * so its validity is fixed (1970 to 9999-12-31, RFC 5280's "no expiry") rather than read from a clock. Stateless.
 */
final class PlaceholderCertificate {
    private static final Date NOT_BEFORE = Date.from(Instant.EPOCH);
    private static final Date NOT_AFTER = Date.from(Instant.parse("9999-12-31T23:59:59Z"));

    private PlaceholderCertificate() {}

    /** Signed inside the token by the new key, through {@code provider}. */
    static X509Certificate selfSigned(String keyId, KeyPair pair, SigningAlgorithm algorithm, Provider provider, SecureRandom random)
            throws GeneralSecurityException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Stamp PKCS#11 key placeholder")
                .addRDN(BCStyle.CN, keyId)
                .build();
        BigInteger serial = new BigInteger(64, random).setBit(63);
        try {
            var signer = new JcaContentSignerBuilder(algorithm.jcaName()).setProvider(provider).setSecureRandom(random).build(pair.getPrivate());
            var holder = new JcaX509v3CertificateBuilder(name, serial, NOT_BEFORE, NOT_AFTER, name, pair.getPublic()).build(signer);
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the placeholder certificate for key " + keyId, e);
        }
    }
}
