package dev.stamp.manager.spec;

/** {@code spec.keystores}; either part may be null (not asked for). */
public record Keystores(Jks jks, Pkcs12 pkcs12) {
    public static final Keystores NONE = new Keystores(null, null);

    /** {@code keystores.jks}: alias defaults to "certificate". */
    public record Jks(boolean create, String alias, KeystorePassword password) {
    }

    public record Pkcs12(boolean create, Pkcs12Profile profile, KeystorePassword password) {
    }
}
