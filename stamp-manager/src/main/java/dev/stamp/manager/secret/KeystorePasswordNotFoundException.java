package dev.stamp.manager.secret;

/**
 * A keystore's {@code passwordSecretRef} names a Secret or key that does not exist (cert-manager raises the Warning
 * event {@code KeystorePasswordSecretNotFound}). The message names the namespace, Secret and key, never a value.
 */
public final class KeystorePasswordNotFoundException extends RuntimeException {
    public KeystorePasswordNotFoundException(String message) {
        super(message);
    }
}
