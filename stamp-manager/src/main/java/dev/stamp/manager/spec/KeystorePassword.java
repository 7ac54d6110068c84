package dev.stamp.manager.spec;

/** Exactly one of {@code passwordSecretRef} or the literal {@code password} (cert-manager v1.17+). */
public sealed interface KeystorePassword {
    record FromSecret(SecretKeySelector passwordSecretRef) implements KeystorePassword {
    }

    record Literal(String password) implements KeystorePassword {
        @Override
        public String toString() {
            return "Literal[password=<redacted>]";
        }
    }
}
