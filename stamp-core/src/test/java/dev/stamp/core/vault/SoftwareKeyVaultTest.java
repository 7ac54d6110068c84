package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;
import org.bouncycastle.util.Arrays;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftwareKeyVaultTest {
    private static final byte[] DATA = "to be signed: a TBSCertificate, say".getBytes(StandardCharsets.UTF_8);

    private final CryptoProviders providers = CryptoProviders.detect();
    private final SecureRandom random = new SecureRandom();
    private final InMemoryWrappedKeyStore store = new InMemoryWrappedKeyStore();

    @TempDir Path dir;

    private SoftwareKeyVault withKeyFile() {
        return SoftwareKeyVault.open(store, KeyEncryptionKey.keyFile(dir.resolve("kek")), providers, random);
    }

    private SoftwareKeyVault withPassphrase(String passphrase) {
        return SoftwareKeyVault.open(store, KeyEncryptionKey.passphrase(passphrase.toCharArray()), providers, random);
    }

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void signaturesOfEveryKeyAlgorithmVerifyWithAnIndependentProvider(KeyAlgorithm algorithm) throws Exception {
        KeyVault vault = withKeyFile();
        VaultKey key = vault.generate(algorithm);

        assertThat(key.algorithm()).isEqualTo(algorithm);
        assertThat(vault.publicKey(key.keyId()).getEncoded()).isEqualTo(key.publicKey().getEncoded());
        for (SigningAlgorithm signing : algorithm.signingAlgorithms()) {
            byte[] signature = vault.sign(key.keyId(), signing, DATA);
            assertThat(Signatures.verify(key.publicKey(), signing, DATA, signature)).as(signing.name()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_prime256v1", "ML_DSA_65"})
    void aReopenedVaultSignsWithTheKeyItStoredUnderTheSameKeyFile(KeyAlgorithm algorithm) throws Exception {
        VaultKey key = withKeyFile().generate(algorithm);

        SoftwareKeyVault reopened = withKeyFile();
        byte[] signature = reopened.sign(key.keyId(), algorithm.defaultSigningAlgorithm(), DATA);

        assertThat(reopened.publicKey(key.keyId()).getEncoded()).isEqualTo(key.publicKey().getEncoded());
        assertThat(Signatures.verify(key.publicKey(), algorithm.defaultSigningAlgorithm(), DATA, signature)).isTrue();
    }

    @Test
    void aReopenedVaultSignsWithTheKeyItStoredUnderTheSamePassphrase() throws Exception {
        VaultKey key = withPassphrase("correct horse battery staple").generate(KeyAlgorithm.EC_prime256v1);

        SoftwareKeyVault reopened = withPassphrase("correct horse battery staple");
        byte[] signature = reopened.sign(key.keyId(), SigningAlgorithm.SHA256WITHECDSA, DATA);

        assertThat(Signatures.verify(reopened.publicKey(key.keyId()), SigningAlgorithm.SHA256WITHECDSA, DATA, signature)).isTrue();
        assertThat(reopened.describe()).isEqualTo("software (AES-256-GCM, passphrase)");
    }

    @Test
    void theFirstOpenRecordsArgon2idParametersASaltAndACheckValue() {
        withPassphrase("correct horse battery staple");

        assertThat(store.settings().get(VaultUnlock.KDF_SETTING)).matches("\\$argon2id\\$v=19\\$m=65536,t=3,p=1\\$[A-Za-z0-9+/]{22}");
        assertThat(store.settings()).containsKey(VaultUnlock.CHECK_SETTING).containsEntry(VaultUnlock.KIND_SETTING, "passphrase");
    }

    @Test
    void aWrongPassphraseIsRefusedAtOpenAsUnauthorized() {
        withPassphrase("correct horse battery staple").generate(KeyAlgorithm.EC_prime256v1);

        assertThatThrownBy(() -> withPassphrase("Tr0ub4dor&3"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessage("the passphrase does not unlock this key vault");
    }

    @Test
    void aWrongKeyFileIsRefusedAtOpenAsUnauthorized() {
        withKeyFile().generate(KeyAlgorithm.EC_prime256v1);
        Path other = dir.resolve("other-kek");

        assertThatThrownBy(() -> SoftwareKeyVault.open(store, KeyEncryptionKey.keyFile(other), providers, random))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessage("the key file " + other + " does not unlock this key vault");
    }

    @Test
    void aVaultCreatedWithAKeyFileRefusesAPassphrase() {
        withKeyFile();

        assertThatThrownBy(() -> withPassphrase("correct horse battery staple"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED))
                .hasMessage("this key vault is unlocked by a key file, not by a passphrase");
    }

    @Test
    void aTamperedBlobIsRefusedNamingTheKeyId() {
        VaultKey key = withKeyFile().generate(KeyAlgorithm.EC_prime256v1);
        WrappedKey stored = store.get(key.keyId()).orElseThrow();
        byte[] tampered = stored.wrapped();
        tampered[tampered.length / 2] ^= 0x01;
        store.put(new WrappedKey(stored.keyId(), stored.algorithm(), stored.publicKey(), tampered));

        assertThatThrownBy(() -> withKeyFile().sign(key.keyId(), SigningAlgorithm.SHA256WITHECDSA, DATA))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("key '" + key.keyId() + "'")
                .hasMessageContaining("fails its integrity check");
    }

    @Test
    void aBlobCopiedOntoAnotherKeyIdDoesNotDecrypt() {
        SoftwareKeyVault vault = withKeyFile();
        VaultKey victim = vault.generate(KeyAlgorithm.EC_prime256v1);
        VaultKey attacker = vault.generate(KeyAlgorithm.EC_prime256v1);
        WrappedKey attackerBlob = store.get(attacker.keyId()).orElseThrow();
        store.put(new WrappedKey(victim.keyId(), attackerBlob.algorithm(), attackerBlob.publicKey(), attackerBlob.wrapped()));

        assertThatThrownBy(() -> withKeyFile().publicKey(victim.keyId()))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining(victim.keyId());
    }

    @Test
    void aBlobRelabelledWithAnotherAlgorithmDoesNotDecrypt() {
        VaultKey key = withKeyFile().generate(KeyAlgorithm.EC_prime256v1);
        WrappedKey stored = store.get(key.keyId()).orElseThrow();
        store.put(new WrappedKey(stored.keyId(), KeyAlgorithm.EC_secp384r1, stored.publicKey(), stored.wrapped()));

        assertThatThrownBy(() -> withKeyFile().sign(key.keyId(), SigningAlgorithm.SHA384WITHECDSA, DATA))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void anUnknownKeyIdIsNotFound() {
        SoftwareKeyVault vault = withKeyFile();

        assertThatThrownBy(() -> vault.sign("no-such-key", SigningAlgorithm.SHA256WITHECDSA, DATA))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("no-such-key");
        assertThatThrownBy(() -> vault.publicKey("no-such-key"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aSigningAlgorithmThatDoesNotFitTheKeyIsRefusedNamingTheValidOnes() {
        SoftwareKeyVault vault = withKeyFile();
        VaultKey key = vault.generate(KeyAlgorithm.EC_prime256v1);

        assertThatThrownBy(() -> vault.sign(key.keyId(), SigningAlgorithm.SHA256WITHRSA, DATA))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Signing algorithm SHA256WITHRSA cannot be used with key type EC_prime256v1. "
                        + "Valid signing algorithms are: SHA256WITHECDSA, SHA384WITHECDSA, SHA512WITHECDSA.");
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"RSA_2048", "EC_prime256v1", "ML_DSA_44"})
    void theStoreNeverHoldsThePrivateKeyInTheClear(KeyAlgorithm algorithm) throws Exception {
        VaultKey key = withKeyFile().generate(algorithm);
        WrappedKey stored = store.get(key.keyId()).orElseThrow();

        // Decrypt with the key file to get the PKCS#8 the vault wrapped, and prove it is the real private key.
        byte[] kek = Files.readAllBytes(dir.resolve("kek"));
        byte[] pkcs8 = new AesGcm(kek, random).open(stored.wrapped(), WrapBinding.aad(key.keyId(), algorithm, stored.publicKey()));
        PrivateKey privateKey = KeyFactory.getInstance(algorithm.jcaName(), providers.bouncyCastle()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        java.security.Signature signer = java.security.Signature.getInstance(algorithm.defaultSigningAlgorithm().jcaName(), providers.bouncyCastle());
        signer.initSign(privateKey);
        signer.update(DATA);
        assertThat(Signatures.verify(key.publicKey(), algorithm.defaultSigningAlgorithm(), DATA, signer.sign())).isTrue();

        byte[] everything = store.allStoredBytes();
        assertThat(indexOf(everything, pkcs8)).as("PKCS#8 private key in the store").isEqualTo(-1);
        assertThat(indexOf(everything, secret(privateKey))).as("the raw secret value in the store").isEqualTo(-1);
    }

    @Test
    void everyWrappedKeyHasItsOwnNonce() {
        SoftwareKeyVault vault = withKeyFile();
        byte[] first = store.get(vault.generate(KeyAlgorithm.EC_prime256v1).keyId()).orElseThrow().wrapped();
        byte[] second = store.get(vault.generate(KeyAlgorithm.EC_prime256v1).keyId()).orElseThrow().wrapped();

        assertThat(Arrays.copyOfRange(first, 1, 13)).isNotEqualTo(Arrays.copyOfRange(second, 1, 13));
    }

    /** The secret number or seed itself, in case some encoding other than PKCS#8 leaked. */
    private static byte[] secret(PrivateKey key) {
        return switch (key) {
            case RSAPrivateKey rsa -> BigIntegers.asUnsignedByteArray(rsa.getPrivateExponent());
            case ECPrivateKey ec -> BigIntegers.asUnsignedByteArray(ec.getS());
            case MLDSAPrivateKey mlDsa -> mlDsa.getSeed();
            default -> throw new IllegalArgumentException(key.getAlgorithm());
        };
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    @Test
    void aSealedSecretOpensOnlyForItsContextAndOnlyUnderTheSameKeyEncryptionKey() {
        byte[] secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = withKeyFile().seal(secret, "SKIA0001");

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        assertThat(withKeyFile().unseal(sealed, "SKIA0001")).isEqualTo(secret);
        assertThatThrownBy(() -> withKeyFile().unseal(sealed, "SKIA0002"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        var otherVault = SoftwareKeyVault.open(new InMemoryWrappedKeyStore(), KeyEncryptionKey.keyFile(dir.resolve("other-kek")), providers, random);
        assertThatThrownBy(() -> otherVault.unseal(sealed, "SKIA0001"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }
}
