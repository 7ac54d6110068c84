package dev.stamp.server;

import dev.stamp.server.config.RequestRate;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-token request rate, on the server's injected clock: no sleeping. */
class RequestRateTest {
    @Test
    void aTokenOverItsBurstGets429WithRetryAfterUntilItsBucketRefills() {
        try (TestServer s = new TestServer(1000, (server, context) -> context.withRequestRate(new RequestRate(0.5, 3)))) {
            for (int i = 0; i < 3; i++) assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
            var limited = s.get("/cas", s.admin);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("2"); // one request per 2 s
            assertThat(TestServer.json(limited).get("type").asText()).endsWith("/limit-exceeded");
            assertThat(TestServer.json(limited).get("detail").asText()).contains("token:").doesNotContain(s.admin);

            assertThat(s.get("/cas", s.auditor).statusCode()).as("another token has its own bucket").isEqualTo(200);

            s.testPki.clock.advance(Duration.ofSeconds(1));
            assertThat(s.get("/cas", s.admin).statusCode()).as("half a request back is not one").isEqualTo(429);
            s.testPki.clock.advance(Duration.ofSeconds(1));
            assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
            assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(429);

            s.testPki.clock.advance(Duration.ofMinutes(1)); // refills to the burst, not beyond
            for (int i = 0; i < 3; i++) assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
            assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void theDefaultRateIsGenerous() {
        try (TestServer s = new TestServer(1000, (server, context) -> context.withRequestRate(RequestRate.DEFAULT))) {
            for (int i = 0; i < RequestRate.DEFAULT.burst(); i++) assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
            assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(429);
        }
    }
}
