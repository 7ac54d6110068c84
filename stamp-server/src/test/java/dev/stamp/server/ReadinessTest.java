package dev.stamp.server;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    @Test
    void readyWhenTheDatabaseAnswersAndTheDefaultCaKeySignsAVerifiableSignature() {
        try (TestServer s = new TestServer()) {
            var ready = s.send(HttpRequest.newBuilder(s.http("/readyz")).build());
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(ready).get("checks").toString()).isEqualTo("{\"database\":\"ok\",\"key\":\"ok\"}");
        }
    }
}
