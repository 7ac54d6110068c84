package dev.stamp.core.vault;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.crypto.KeyAlgorithm;
import dev.stamp.core.crypto.SigningAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changing a software vault's key-encryption key: the keys survive it, the old KEK stops opening the vault. */
class VaultRekeyTest {
    private static final byte[] DATA = "a TBSCertificate".getBytes(StandardCharsets.UTF_8);
    private static final java.time.InstantSource CLOCK = java.time.InstantSource.fixed(java.time.Instant.parse("2026-11-30T00:00:00Z"));

    private final CryptoProviders providers = CryptoProviders.detect();
    private final SecureRandom random = new SecureRandom();
    private final InMemoryWrappedKeyStore store = new InMemoryWrappedKeyStore();

    @TempDir Path dir;

    private static KeyEncryptionKey passphrase(String value) {
        return KeyEncryptionKey.passphrase(value.toCharArray());
    }

    private SoftwareKeyVault open(KeyEncryptionKey kek) {
        return SoftwareKeyVault.open(store, kek, providers, random);
    }

    private static void assertUnauthorized(Runnable open) {
        assertThatThrownBy(open::run).isInstanceOfSatisfying(StampException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }

    @Test
    void afterANewPassphraseTheKeysSignAsBeforeAndTheOldPassphraseNoLongerOpens() throws Exception {
        SoftwareKeyVault before = open(passphrase("old passphrase"));
        VaultKey ec = before.generate(KeyAlgorithm.EC_prime256v1);
        VaultKey rsa = before.generate(KeyAlgorithm.RSA_2048);
        String kdfBefore = store.settings().get(VaultUnlock.KDF_SETTING);

        var rekeyed = VaultRekey.run(store, passphrase("old passphrase"), passphrase("new passphrase"), random, CLOCK, "test");

        assertThat(rekeyed).isEqualTo(new WrappedKeyStore.Rekeyed(2, 0));
        assertThat(store.settings().get(VaultUnlock.KDF_SETTING)).as("a fresh salt").isNotEqualTo(kdfBefore);
        assertUnauthorized(() -> open(passphrase("old passphrase")));
        SoftwareKeyVault after = open(passphrase("new passphrase"));
        for (VaultKey key : new VaultKey[] {ec, rsa}) {
            assertThat(after.publicKey(key.keyId()).getEncoded()).isEqualTo(key.publicKey().getEncoded());
            SigningAlgorithm signing = key.algorithm().signingAlgorithms().getFirst();
            assertThat(Signatures.verify(key.publicKey(), signing, DATA, after.sign(key.keyId(), signing, DATA))).isTrue();
        }
    }

    @Test
    void aVaultMovesBetweenAPassphraseAndAKeyFileBothWays() {
        KeyEncryptionKey file = KeyEncryptionKey.keyFile(dir.resolve("vault.key"));
        VaultKey key = open(file).generate(KeyAlgorithm.EC_prime256v1);

        VaultRekey.run(store, file, passphrase("from a file to a passphrase"), random, CLOCK, "test");
        assertUnauthorized(() -> open(file));
        assertThat(open(passphrase("from a file to a passphrase")).publicKey(key.keyId())).isEqualTo(key.publicKey());

        VaultRekey.run(store, passphrase("from a file to a passphrase"), KeyEncryptionKey.keyFile(dir.resolve("other.key")), random, CLOCK, "test");
        assertThat(store.settings()).doesNotContainKey(VaultUnlock.KDF_SETTING);
        assertThat(open(KeyEncryptionKey.keyFile(dir.resolve("other.key"))).publicKey(key.keyId())).isEqualTo(key.publicKey());
    }

    @Test
    void aWrongCurrentPassphraseChangesNothing() {
        VaultKey key = open(passphrase("right")).generate(KeyAlgorithm.EC_prime256v1);
        byte[] before = store.allStoredBytes();

        assertUnauthorized(() -> VaultRekey.run(store, passphrase("wrong"), passphrase("new"), random, CLOCK, "test"));

        assertThat(store.allStoredBytes()).isEqualTo(before);
        assertThat(open(passphrase("right")).publicKey(key.keyId())).isEqualTo(key.publicKey());
    }

    @Test
    void aSecretSealedUnderTheOldKeyIsResealedForTheSameContext() {
        SoftwareKeyVault before = open(passphrase("old"));
        byte[] sealed = before.seal("the AWS secret".getBytes(StandardCharsets.US_ASCII), "AKIDEXAMPLE");
        WrappedKeyStore.Rekey[] captured = new WrappedKeyStore.Rekey[1];
        WrappedKeyStore capturing = new DelegatingStore(store) {
            @Override public Rekeyed rekey(Rekey rekey, dev.stamp.core.audit.AuditEvent event) {
                captured[0] = rekey;
                return super.rekey(rekey, event);
            }
        };

        VaultRekey.run(capturing, passphrase("old"), passphrase("new"), random, CLOCK, "test");

        byte[] resealed = captured[0].reseal(sealed, "AKIDEXAMPLE");
        assertThat(open(passphrase("new")).unseal(resealed, "AKIDEXAMPLE")).asString(StandardCharsets.US_ASCII).isEqualTo("the AWS secret");
        assertThatThrownBy(() -> captured[0].reseal(sealed, "another context"))
                .isInstanceOfSatisfying(StampException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
    }

    @Test
    void aProcessStillHoldingTheOldKeyRefusesToWrapOrSealButKeepsSigning() throws Exception {
        SoftwareKeyVault stale = open(passphrase("old"));
        VaultKey key = stale.generate(KeyAlgorithm.EC_prime256v1);

        VaultRekey.run(store, passphrase("old"), passphrase("new"), random, CLOCK, "test");

        for (Runnable wrapOrSeal : new Runnable[] {() -> stale.generate(KeyAlgorithm.EC_prime256v1),
                () -> stale.seal(new byte[] {1}, "ctx")}) {
            assertThatThrownBy(wrapOrSeal::run).isInstanceOfSatisfying(StampException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE)).hasMessageContaining("restart");
        }
        byte[] signature = stale.sign(key.keyId(), SigningAlgorithm.SHA256WITHECDSA, DATA);
        assertThat(Signatures.verify(key.publicKey(), SigningAlgorithm.SHA256WITHECDSA, DATA, signature)).isTrue();
    }

    /** Forwards every call, so a test can watch one. */
    private static class DelegatingStore implements WrappedKeyStore {
        private final WrappedKeyStore inner;

        DelegatingStore(WrappedKeyStore inner) {
            this.inner = inner;
        }

        @Override public void put(WrappedKey key) { inner.put(key); }
        @Override public java.util.Optional<WrappedKey> get(String keyId) { return inner.get(keyId); }
        @Override public java.util.Optional<String> setting(String name) { return inner.setting(name); }
        @Override public void putSetting(String name, String value) { inner.putSetting(name, value); }
        @Override public Rekeyed rekey(Rekey rekey, dev.stamp.core.audit.AuditEvent event) { return inner.rekey(rekey, event); }
    }
}
