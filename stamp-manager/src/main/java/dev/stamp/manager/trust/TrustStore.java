package dev.stamp.manager.trust;

/**
 * One trust store. {@code install} is idempotent (a second install changes nothing); {@code uninstall} removes only
 * what Stamp added for this root (its file, alias or nickname), never an entry someone else made. Failures of the
 * store itself (a wrong password, a tool that fails) are {@link dev.stamp.core.StampException}s naming the store.
 */
public interface TrustStore {
    /** A short name for reports, e.g. {@code debian /etc/ssl/certs/ca-certificates.crt}. */
    String name();

    StoreKind kind();

    Status check(TrustRoot root);

    Change install(TrustRoot root);

    Change uninstall(TrustRoot root);
}
