package dev.stamp.core.vault;

import dev.stamp.core.audit.AuditEvent;

import java.util.Map;
import java.util.Optional;

/**
 * Storage port for software keys: holds only ciphertext (the private key wrapped under the
 * key-encryption key) and the public key, never a private key in the clear. Thread-safe.
 */
public interface WrappedKeyStore {

    /** Stores a wrapped key durably before returning. */
    void put(WrappedKey key);

    Optional<WrappedKey> get(String keyId);

    /** Vault-wide settings such as the KDF salt and the passphrase check value; null value deletes. */
    Optional<String> setting(String name);

    void putSetting(String name, String value);

    /**
     * A change of key-encryption key: every wrapped key re-wrapped, every secret sealed under the old KEK re-sealed
     * (the AWS API's access key secrets, context = the access key id), and the vault settings replaced, all in one
     * transaction with its audit event: a failure leaves everything as it was.
     *
     * @return how many keys and secrets were re-sealed
     */
    Rekeyed rekey(Rekey rekey, AuditEvent event);

    /** What {@link #rekey} applies; its methods throw to abandon the whole change. */
    interface Rekey {
        WrappedKey rewrap(WrappedKey key);

        byte[] reseal(byte[] sealed, String context);

        /** The settings to write afterwards (a null value deletes). */
        Map<String, String> settings();
    }

    record Rekeyed(int keys, int secrets) {}
}
