package dev.stamp.core.ocsp;

import dev.stamp.core.StampException;

import java.time.Duration;
import java.util.Objects;

/**
 * How the OCSP responder signs, keeps and refreshes responses; a value a server configuration fills in, with
 * {@link #defaults()} for everything left out. Which key signs (the CA's or a delegated responder) is per CA, in its
 * {@link dev.stamp.core.ca.RevocationConfiguration}.
 *
 * @param responseValidity  nextUpdate minus thisUpdate of a response (at least a minute)
 * @param refreshAfter      the fraction of a response's validity after which it is signed again (0 &lt; f &lt; 1)
 * @param cacheCapacity     how many pre-signed responses are kept, least recently used out first (0: none)
 * @param presignRecent     how many of the most recently issued certificates get a response signed ahead, before anyone
 *                          asks (at most {@code cacheCapacity})
 * @param signerValidity    how long a delegated responder certificate is valid (more than {@code responseValidity})
 * @param signerRotateAfter the fraction of a responder certificate's validity after which a new one replaces it
 * @param refreshInterval   how often the server runs {@link OcspResponder#refresh()} (at least a second)
 */
public record OcspSettings(Duration responseValidity, double refreshAfter, int cacheCapacity, int presignRecent,
                           Duration signerValidity, double signerRotateAfter, Duration refreshInterval) {

    public static final Duration DEFAULT_RESPONSE_VALIDITY = Duration.ofHours(1);
    public static final double DEFAULT_REFRESH_AFTER = 0.5;
    public static final int DEFAULT_CACHE_CAPACITY = 10_000;
    public static final int DEFAULT_PRESIGN_RECENT = 1_000;
    public static final Duration DEFAULT_SIGNER_VALIDITY = Duration.ofDays(7);
    public static final double DEFAULT_SIGNER_ROTATE_AFTER = 2.0 / 3;
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(1);

    public OcspSettings {
        Objects.requireNonNull(responseValidity, "responseValidity");
        Objects.requireNonNull(signerValidity, "signerValidity");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (responseValidity.compareTo(Duration.ofMinutes(1)) < 0) {
            throw StampException.invalidArgument("OCSP response validity must be at least a minute, not " + responseValidity);
        }
        fraction("OCSP refresh point", refreshAfter);
        fraction("OCSP signer rotation point", signerRotateAfter);
        if (cacheCapacity < 0) throw StampException.invalidArgument("OCSP cache capacity must be at least 0, not " + cacheCapacity);
        if (presignRecent < 0 || presignRecent > cacheCapacity) {
            throw StampException.invalidArgument("OCSP pre-signed certificates must be between 0 and the cache capacity "
                    + cacheCapacity + ", not " + presignRecent);
        }
        if (signerValidity.compareTo(responseValidity) <= 0) {
            throw StampException.invalidArgument("OCSP signer validity " + signerValidity
                    + " must be longer than the response validity " + responseValidity);
        }
        if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw StampException.invalidArgument("OCSP refresh interval must be at least a second, not " + refreshInterval);
        }
    }

    public static OcspSettings defaults() {
        return new OcspSettings(DEFAULT_RESPONSE_VALIDITY, DEFAULT_REFRESH_AFTER, DEFAULT_CACHE_CAPACITY, DEFAULT_PRESIGN_RECENT,
                DEFAULT_SIGNER_VALIDITY, DEFAULT_SIGNER_ROTATE_AFTER, DEFAULT_REFRESH_INTERVAL);
    }

    /** How long after its thisUpdate a response valid for {@code validity} is signed again. */
    Duration refreshAfter(Duration validity) {
        return Duration.ofMillis((long) (validity.toMillis() * refreshAfter));
    }

    /** How long after its issuance a responder certificate valid for {@code validity} is replaced. */
    Duration rotateAfter(Duration validity) {
        return Duration.ofMillis((long) (validity.toMillis() * signerRotateAfter));
    }

    private static void fraction(String what, double f) {
        if (!(f > 0 && f < 1)) throw StampException.invalidArgument(what + " must be a fraction between 0 and 1 (exclusive), not " + f);
    }
}
