package dev.stamp.server;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Keeps the API listener's certificate fresh: asks its {@link TlsRefresh} for new material (the server's own
 * certificate at two thirds of its life, or rotated files) and swaps it into the running listener. New connections
 * get the new certificate; open ones keep theirs.
 */
final class TlsRenewal {
    private static final Logger LOG = LoggerFactory.getLogger(TlsRenewal.class);
    private final SslContextFactory.Server ssl;
    private final TlsRefresh refresh;
    private final InstantSource clock;
    private volatile TlsMaterial current;

    TlsRenewal(SslContextFactory.Server ssl, TlsMaterial initial, TlsRefresh refresh, InstantSource clock) {
        this.ssl = ssl;
        this.current = initial;
        this.refresh = refresh;
        this.clock = clock;
    }

    static Instant due(TlsMaterial material) {
        X509Certificate leaf = material.chain().getFirst();
        Instant from = leaf.getNotBefore().toInstant();
        Duration life = Duration.between(from, leaf.getNotAfter().toInstant());
        return from.plus(life.multipliedBy(2).dividedBy(3));
    }

    Duration checkEvery() {
        return refresh.checkEvery();
    }

    /** Renews when due; a failure is logged and retried at the next check, while the current certificate lasts. */
    synchronized boolean renewIfDue() {
        try {
            var fresh = refresh.refreshed(current, clock.instant());
            if (fresh.isEmpty()) return false;
            TlsMaterial next = fresh.get();
            KeyStore store = keyStore(next);
            ssl.reload(f -> f.setKeyStore(store));
            current = next;
            LOG.info("now serving the API's TLS certificate {} (serial {}) until {}", next.chain().getFirst().getSubjectX500Principal(),
                    next.chain().getFirst().getSerialNumber().toString(16), next.chain().getFirst().getNotAfter().toInstant());
            return true;
        } catch (Exception e) {
            LOG.warn("could not renew the API's TLS certificate (valid until {}): {}", current.chain().getFirst().getNotAfter().toInstant(), e.toString());
            return false;
        }
    }

    static KeyStore keyStore(TlsMaterial material) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", material.key(), new char[0], material.chain().toArray(X509Certificate[]::new));
            return store;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the server's TLS key: " + e.getMessage(), e);
        }
    }
}
