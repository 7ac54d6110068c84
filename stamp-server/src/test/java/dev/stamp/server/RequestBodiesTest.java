package dev.stamp.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies read straight into an array of their declared length (RequestBodies), including the ones that fall short. */
class RequestBodiesTest {
    private static TestServer s;

    @BeforeAll
    static void start() {
        s = new TestServer();
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void aBodyShorterThanItsContentLengthIsA400NotA500AndTheServerKeepsServing() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", s.server.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ocsp-request\r\n"
                    + "Content-Length: 100\r\n\r\n0123456789").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(response).startsWith("HTTP/1.1 400");
            assertThat(response).contains("problem+json").contains("malformed-request").contains("request body");
        }
        assertThat(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, s.issueBody("after.example.test")).statusCode()).isEqualTo(201);
    }

    @Test
    void anOversizeBodyIsReadAndDroppedSoTheClientReceivesThe413RatherThanAReset() throws IOException {
        int size = 4 << 20; // the most the server drains; beyond what the loopback buffers hold for a server that stopped reading
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(16 * 1024); // little for the kernel to hold on our side, so a server that stops reading shows
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", s.server.httpPort()));
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ocsp HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/ocsp-request\r\n"
                    + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < size; sent += chunk.length) out.write(chunk); // fails with a reset if the server stops reading
            out.flush();
            String response = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);

            assertThat(response).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void aBodyOfItsDeclaredLengthIsReadWhole() {
        var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, s.issueBody("whole.example.test"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(TestServer.json(r).path("certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----\n");
    }
}
