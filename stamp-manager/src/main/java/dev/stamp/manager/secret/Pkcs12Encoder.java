package dev.stamp.manager.secret;

import dev.stamp.manager.spec.Pkcs12Profile;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.util.PBKDF2Config;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePBMac1CalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * PKCS#12 files as cert-manager writes them (its go-pkcs12 encoders), one profile each:
 * <ul>
 *   <li>LegacyRC2: certificates under pbeWithSHAAnd40BitRC2-CBC, the key under pbeWithSHAAnd3-KeyTripleDES-CBC,
 *       HMAC-SHA1 MAC (OpenSSL 3 reads it only with {@code -legacy});</li>
 *   <li>LegacyDES: 3DES for both, HMAC-SHA1 MAC;</li>
 *   <li>Modern2023: PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC) for both, HMAC-SHA256 MAC, 2048 iterations;</li>
 *   <li>Modern2026: as Modern2023, with an RFC 9579 PBMAC1 (PBKDF2-HMAC-SHA256, HMAC-SHA256) integrity MAC.</li>
 * </ul>
 * A keystore holds the key (localKeyId linking it to the leaf) and the chain; a truststore holds CA certificates
 * marked with Java's trusted-key-usage attribute so that the JDK's keytool lists them as trusted entries.
 * Encryption salts and IVs come from the injected SecureRandom; the legacy and Modern2023 MAC salts come from Bouncy
 * Castle's own SecureRandom (its PKCS#12 MAC builders take none).
 */
final class Pkcs12Encoder {
    private static final int ITERATIONS = 2048;
    private static final int LEGACY_MAC_ITERATIONS = 1;
    /** Oracle's "trusted key usage" bag attribute: the JDK treats certificate bags carrying it as trusted entries. */
    private static final ASN1ObjectIdentifier JAVA_TRUSTED_KEY_USAGE = new ASN1ObjectIdentifier("2.16.840.1.113894.746875.1.1");
    private static final Provider BC = new BouncyCastleProvider();

    private final SecureRandom random;

    Pkcs12Encoder(SecureRandom random) {
        this.random = random;
    }

    byte[] keystore(Pkcs12Profile profile, char[] password, PrivateKey key, List<X509CertificateHolder> chain) {
        try {
            byte[] localKeyId = sha1(chain.getFirst().getEncoded());
            List<PKCS12SafeBag> certBags = new ArrayList<>();
            for (int i = 0; i < chain.size(); i++) {
                PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
                certBags.add(bag.build());
            }
            PKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, keyEncryptor(profile, password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DEROctetString(localKeyId));
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(certEncryptor(profile, password), certBags.toArray(PKCS12SafeBag[]::new));
            pfx.addData(keyBag.build());
            return pfx.build(mac(profile), password).getEncoded("DER");
        } catch (IOException | PKCSException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the " + profile + " PKCS#12 keystore: " + e.getMessage(), e);
        }
    }

    byte[] truststore(Pkcs12Profile profile, char[] password, List<X509CertificateHolder> cas) {
        try {
            List<PKCS12SafeBag> bags = new ArrayList<>();
            for (int i = 0; i < cas.size(); i++) {
                PKCS12SafeBagBuilder bag = new PKCS12SafeBagBuilder(cas.get(i));
                bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(i == 0 ? "ca" : "ca-" + i));
                bag.addBagAttribute(JAVA_TRUSTED_KEY_USAGE, KeyPurposeId.anyExtendedKeyUsage.toOID());
                bags.add(bag.build());
            }
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(certEncryptor(profile, password), bags.toArray(PKCS12SafeBag[]::new));
            return pfx.build(mac(profile), password).getEncoded("DER");
        } catch (IOException | PKCSException | OperatorCreationException e) {
            throw new IllegalStateException("cannot build the " + profile + " PKCS#12 truststore: " + e.getMessage(), e);
        }
    }

    private OutputEncryptor certEncryptor(Pkcs12Profile profile, char[] password) throws OperatorCreationException {
        return switch (profile) {
            case LegacyRC2 -> pkcs12Pbe(PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, password);
            case LegacyDES -> tripleDes(password);
            case Modern2023, Modern2026 -> pbes2(password);
        };
    }

    private OutputEncryptor keyEncryptor(Pkcs12Profile profile, char[] password) throws OperatorCreationException {
        return switch (profile) {
            case LegacyRC2, LegacyDES -> tripleDes(password);
            case Modern2023, Modern2026 -> pbes2(password);
        };
    }

    private OutputEncryptor tripleDes(char[] password) throws OperatorCreationException {
        return pkcs12Pbe(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC, password);
    }

    private OutputEncryptor pkcs12Pbe(ASN1ObjectIdentifier algorithm, char[] password) throws OperatorCreationException {
        return new JcePKCSPBEOutputEncryptorBuilder(algorithm).setProvider(BC).setRandom(random)
                .setIterationCount(ITERATIONS).build(password);
    }

    private OutputEncryptor pbes2(char[] password) throws OperatorCreationException {
        PBKDF2Config kdf = new PBKDF2Config.Builder().withPRF(PBKDF2Config.PRF_SHA256)
                .withIterationCount(ITERATIONS).withSaltLength(16).build();
        return new JcePKCSPBEOutputEncryptorBuilder(kdf, NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(BC).setRandom(random).build(password);
    }

    private PKCS12MacCalculatorBuilder mac(Pkcs12Profile profile) {
        return switch (profile) {
            case LegacyRC2, LegacyDES -> new BcPKCS12MacCalculatorBuilder(new SHA1Digest(),
                    new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)).setIterationCount(LEGACY_MAC_ITERATIONS);
            case Modern2023 -> new BcPKCS12MacCalculatorBuilder(new org.bouncycastle.crypto.digests.SHA256Digest(),
                    new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)).setIterationCount(ITERATIONS);
            case Modern2026 -> new Pbmac1(random);
        };
    }

    /**
     * Adapts Bouncy Castle's PBMAC1 calculator to the PFX builder, which writes RFC 9579's MacData (the PBMAC1
     * AlgorithmIdentifier as digest algorithm, salt "NOT USED", one iteration) when the digest identifier it is
     * given after building the MAC is id-PBMAC1.
     */
    private static final class Pbmac1 implements PKCS12MacCalculatorBuilder {
        private final SecureRandom random;
        private AlgorithmIdentifier built;

        Pbmac1(SecureRandom random) {
            this.random = random;
        }

        @Override
        public MacCalculator build(char[] password) throws OperatorCreationException {
            MacCalculator mac = new JcePBMac1CalculatorBuilder("HmacSHA256", 256)
                    .setPrf(JcePBMac1CalculatorBuilder.PRF_SHA256)
                    .setIterationCount(ITERATIONS).setSaltLength(16).setRandom(random)
                    .setProvider(BC).build(password);
            built = mac.getAlgorithmIdentifier();
            return mac;
        }

        @Override
        public AlgorithmIdentifier getDigestAlgorithmIdentifier() {
            return built;
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
