package dev.stamp.server.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CrlHeadersTest {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final String ETAG = "\"ca-1-7\"";

    @Test
    void maxAgeIsAMinuteButNeverReachesPastNextUpdate() {
        record Case(Duration untilNextUpdate, long maxAge) {}
        for (Case c : new Case[] {
                new Case(Duration.ofDays(7), 60), new Case(Duration.ofSeconds(61), 60), new Case(Duration.ofSeconds(60), 60),
                new Case(Duration.ofSeconds(59), 59), new Case(Duration.ofMillis(1500), 1), new Case(Duration.ZERO, 0),
                new Case(Duration.ofHours(-1), 0)}) {
            assertThat(PublicRoutes.maxAge(NOW, NOW.plus(c.untilNextUpdate()))).as(c.toString()).isEqualTo(c.maxAge());
        }
    }

    @Test
    void conditionalRequestsAreAnsweredNotModifiedOnlyForTheSameCrl() {
        Instant thisUpdate = Instant.parse("2026-03-04T05:00:00Z");
        record Case(String ifNoneMatch, String ifModifiedSince, boolean notModified) {}
        for (Case c : new Case[] {
                new Case(null, null, false),
                new Case(ETAG, null, true),
                new Case("W/" + ETAG, null, true),
                new Case("\"ca-1-6\", " + ETAG, null, true),
                new Case("*", null, true),
                new Case("\"ca-1-6\"", null, false),
                new Case("\"ca-1-6\"", "Wed, 04 Mar 2026 05:00:00 GMT", false), // If-None-Match decides when present
                new Case(null, "Wed, 04 Mar 2026 05:00:00 GMT", true),
                new Case(null, "Wed, 04 Mar 2026 06:00:00 GMT", true),
                new Case(null, "Wed, 04 Mar 2026 04:59:59 GMT", false),
                new Case(null, "yesterday", false)}) {
            assertThat(HttpCaching.notModified(c.ifNoneMatch(), c.ifModifiedSince(), ETAG, thisUpdate)).as(c.toString())
                    .isEqualTo(c.notModified());
        }
    }
}
