package dev.stamp.server;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GracefulStopTest {
    @Test
    void stopLetsAnInFlightIssuanceFinishAndThenRefusesConnections() throws Exception {
        TestServer s = new TestServer();
        byte[] body = s.issueBody("drain.example.test").getBytes(StandardCharsets.US_ASCII);
        int half = body.length / 2;
        CountDownLatch release = new CountDownLatch(1);
        // The body's second half arrives only after stop has begun: the request is in flight across the stop.
        InputStream slow = new SequenceInputStream(new ByteArrayInputStream(body, 0, half), new InputStream() {
            private final InputStream rest = new ByteArrayInputStream(body, half, body.length - half);
            @Override public int read() throws IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return rest.read();
            }
        });
        HttpRequest request = HttpRequest.newBuilder(s.api("/cas/" + s.issuing.id() + "/certificates"))
                .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow)).build();
        var afterStop = s.api("/cas");
        var response = s.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::close);
        Thread.sleep(500);
        assertThat(stopping).isNotDone();
        release.countDown();
        assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        stopping.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> s.client.send(HttpRequest.newBuilder(afterStop).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
