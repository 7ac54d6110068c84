package dev.stamp.core.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoProvidersTest {
    private static final byte[] DATA = "to be signed".getBytes(StandardCharsets.UTF_8);

    @Test
    void detectLoadsTheAmazonCorrettoCryptoProviderOnLinuxX8664() throws Exception {
        CryptoProviders providers = CryptoProviders.detect();

        assertThat(providers.fast()).as(providers.describe()).isTrue();
        assertThat(providers.signature(SigningAlgorithm.SHA256WITHECDSA).getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(providers.keyPairGenerator(KeyAlgorithm.RSA_2048).getProvider().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(providers.describe()).contains("AWS-LC");
    }

    @Test
    void theJdkFallbackUsesTheJdksOwnProviders() throws Exception {
        CryptoProviders providers = CryptoProviders.jdk();

        assertThat(providers.fast()).isFalse();
        assertThat(providers.signature(SigningAlgorithm.SHA256WITHRSA).getProvider().getName()).isEqualTo("SunRsaSign");
        assertThat(providers.keyPairGenerator(KeyAlgorithm.EC_prime256v1).getProvider().getName()).isEqualTo("SunEC");
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"SHA256WITHRSA", "SHA384WITHRSA", "SHA256WITHECDSA", "SHA384WITHECDSA", "SHA512WITHECDSA"})
    void jdkSignaturesVerifyOnAccpAndAccpSignaturesVerifyOnTheJdk(SigningAlgorithm algorithm) throws Exception {
        KeyAlgorithm keyAlgorithm = algorithm.family() == KeyFamily.RSA ? KeyAlgorithm.RSA_2048 : switch (algorithm) {
            case SHA384WITHECDSA -> KeyAlgorithm.EC_secp384r1;
            case SHA512WITHECDSA -> KeyAlgorithm.EC_secp521r1;
            default -> KeyAlgorithm.EC_prime256v1;
        };
        CryptoProviders jdk = CryptoProviders.jdk();
        CryptoProviders accp = CryptoProviders.detect();

        KeyPair jdkKey = generate(jdk, keyAlgorithm);
        assertThat(verify(accp, algorithm, jdkKey.getPublic(), sign(jdk, algorithm, jdkKey))).isTrue();

        KeyPair accpKey = generate(accp, keyAlgorithm);
        assertThat(verify(jdk, algorithm, accpKey.getPublic(), sign(accp, algorithm, accpKey))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_prime256v1", "EC_secp384r1"})
    void aJdkDecodedKeyBecomesTheFastProvidersOwnAndStillSignsForItsPublicKey(KeyAlgorithm keyAlgorithm) throws Exception {
        CryptoProviders accp = CryptoProviders.detect();
        SigningAlgorithm algorithm = keyAlgorithm.defaultSigningAlgorithm();
        KeyPair generated = generate(CryptoProviders.jdk(), keyAlgorithm);
        PrivateKey decoded = accp.keyFactory(keyAlgorithm.jcaName()).generatePrivate(new PKCS8EncodedKeySpec(generated.getPrivate().getEncoded()));

        PrivateKey converted = accp.signingKey(decoded);

        assertThat(converted.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(converted.getEncoded()).isEqualTo(decoded.getEncoded());
        assertThat(accp.signingKey(converted)).isSameAs(converted);
        assertThat(verify(CryptoProviders.jdk(), algorithm, generated.getPublic(),
                sign(accp, algorithm, new KeyPair(generated.getPublic(), converted)))).isTrue();
    }

    @Test
    void withoutTheFastProviderAndForMlDsaTheKeyIsKeptAsItIs() throws Exception {
        PrivateKey rsa = generate(CryptoProviders.jdk(), KeyAlgorithm.RSA_2048).getPrivate();
        assertThat(CryptoProviders.jdk().signingKey(rsa)).isSameAs(rsa);
        PrivateKey mlDsa = CryptoProviders.detect().keyPairGenerator(KeyAlgorithm.ML_DSA_44).generateKeyPair().getPrivate();
        assertThat(CryptoProviders.detect().signingKey(mlDsa)).isSameAs(mlDsa);
    }

    @Test
    void mlDsaRunsOnBouncyCastleWhicheverProvidersAreChosen() throws Exception {
        for (CryptoProviders providers : new CryptoProviders[] {CryptoProviders.jdk(), CryptoProviders.detect()}) {
            assertThat(providers.signature(SigningAlgorithm.ML_DSA_65).getProvider().getName()).isEqualTo("BC");
            assertThat(providers.keyPairGenerator(KeyAlgorithm.ML_DSA_65).getProvider().getName()).isEqualTo("BC");
        }
    }

    private static KeyPair generate(CryptoProviders providers, KeyAlgorithm algorithm) throws Exception {
        KeyPairGenerator generator = providers.keyPairGenerator(algorithm);
        generator.initialize(algorithm.spec(), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static byte[] sign(CryptoProviders providers, SigningAlgorithm algorithm, KeyPair key) throws Exception {
        Signature signer = providers.signature(algorithm);
        signer.initSign(key.getPrivate());
        signer.update(DATA);
        return signer.sign();
    }

    private static boolean verify(CryptoProviders providers, SigningAlgorithm algorithm, PublicKey key, byte[] signature) throws Exception {
        // Re-decoded so that the verifier gets a plain X.509 key, not the signing provider's key object.
        PublicKey decoded = KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
        Signature verifier = providers.signature(algorithm);
        verifier.initVerify(decoded);
        verifier.update(DATA);
        return verifier.verify(signature);
    }
}
