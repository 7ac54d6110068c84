package dev.stamp.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    @Test
    void repeatedFailuresFromOneAddressGet429UntilTheBucketRefills() {
        try (TestServer s = new TestServer(3)) {
            for (int i = 0; i < 3; i++) assertThat(s.get("/cas", "stamp_wrong").statusCode()).isEqualTo(401);
            var limited = s.get("/cas", s.admin);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(TestServer.json(limited).get("type").asText()).endsWith("/limit-exceeded");
            s.testPki.clock.advance(Duration.ofMinutes(10)); // one failure's worth back
            assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
        }
    }
}
