package dev.stamp.core.ocsp;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseCacheTest {
    final ResponseCache cache = new ResponseCache(10);
    final ResponseCache.Key key = new ResponseCache.Key("ca", BigInteger.TEN, "1.3.14.3.2.26");

    static ResponseCache.Cached entry(boolean revoked) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        OcspAnswer answer = new OcspAnswer(new byte[] {1}, revoked ? OcspStatus.REVOKED : OcspStatus.GOOD, t, t.plusSeconds(3600), true);
        return new ResponseCache.Cached(answer, null, revoked, "key", t.plusSeconds(1800));
    }

    @Test
    void aResponseSignedAcrossAnInvalidationIsNotKept() {
        long seen = cache.generation();
        cache.remove("ca", BigInteger.TWO); // any certificate: the check is coarse, a revocation is rare
        assertThat(cache.putIfCurrent(key, entry(false), seen)).isFalse();
        assertThat(cache.get(key)).isNull();

        assertThat(cache.putIfCurrent(key, entry(false), cache.generation())).isTrue();
        assertThat(cache.get(key).revoked()).isFalse();
    }

    @Test
    void aRefreshSignedAcrossAnInvalidationDoesNotReplaceTheRevokedResponse() {
        long seen = cache.generation();
        cache.remove("ca", BigInteger.TEN);
        cache.putIfCurrent(key, entry(true), cache.generation()); // the invalidation's own, revoked, response
        cache.replaceIfCurrent(key, entry(false), seen);
        assertThat(cache.get(key).revoked()).isTrue();

        cache.replaceIfCurrent(key, entry(false), cache.generation());
        assertThat(cache.get(key).revoked()).isFalse();
    }
}
