package dev.stamp.server.auth;

import java.security.cert.X509Certificate;

/** Whether a client certificate, already verified by the TLS handshake, has been revoked since. */
@FunctionalInterface
public interface RevocationCheck {
    /** No revocation information: every verified certificate counts as valid. */
    RevocationCheck NONE = cert -> false;

    boolean revoked(X509Certificate cert);
}
