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
        CountDownLatch bodyAsked = new CountDownLatch(1);
        // With Expect: 100-continue the client sends the body only once the server's handler reads it, so the first
        // read of the body proves the request is being handled; its second half arrives only after stop has begun.
        InputStream firstHalf = new java.io.FilterInputStream(new ByteArrayInputStream(body, 0, half)) {
            @Override public int read() throws IOException {
                bodyAsked.countDown();
                return super.read();
            }
            @Override public int read(byte[] b, int off, int len) throws IOException {
                bodyAsked.countDown();
                return super.read(b, off, len);
            }
        };
        InputStream slow = new SequenceInputStream(firstHalf, new InputStream() {
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
                .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> slow)).build();
        var afterStop = s.api("/cas");
        var response = s.client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertThat(bodyAsked.await(30, TimeUnit.SECONDS)).as("the server's handler asked for the body").isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(s::close);
        Thread.sleep(500); // stop cannot finish while the request waits for its body, however slow the machine
        assertThat(stopping).isNotDone();
        release.countDown();
        assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        stopping.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> s.client.send(HttpRequest.newBuilder(afterStop).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
