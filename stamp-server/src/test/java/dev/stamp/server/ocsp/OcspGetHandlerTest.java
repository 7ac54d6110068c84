package dev.stamp.server.ocsp;

import dev.stamp.core.testing.TestPki;
import dev.stamp.server.http.IssuanceMetrics;
import dev.stamp.server.http.RequestIds;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path takes GET /ocsp/{request} only; everything else reaches the handler behind it (Javalin in the server). */
class OcspGetHandlerTest {
    private final TestPki pki = new TestPki();
    private Server jetty;
    private String base;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        OcspReplies replies = new OcspReplies(pki.pki.ocsp(), pki.clock, new IssuanceMetrics());
        OcspGetHandler handler = new OcspGetHandler(replies, new RequestIds(new SecureRandom()));
        handler.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response, Callback callback) {
                response.setStatus(418);
                callback.succeeded();
                return true;
            }
        });
        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(handler);
        jetty.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void answersAGetOfAnOcspRequestItselfWithAnOcspResponseAndARequestId() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(base + "/ocsp/bm90LWFuLW9jc3AtcmVxdWVzdA")));
        assertThat(response.statusCode()).isEqualTo(200); // malformedRequest travels inside an HTTP 200
        assertThat(response.headers().firstValue("Content-Type")).contains("application/ocsp-response");
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(new org.bouncycastle.cert.ocsp.OCSPResp(response.body()).getStatus()).isEqualTo(1);
    }

    @Test
    void passesPostsOtherPathsAndAnEmptyRequestToTheHandlerBehindIt() throws Exception {
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ocsp")).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{1}))).statusCode()).isEqualTo(418);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ocsp/")).GET()).statusCode()).isEqualTo(418);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ocsp")).GET()).statusCode()).isEqualTo(418);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/crl/x.crl")).GET()).statusCode()).isEqualTo(418);
        assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ocspx/abc")).GET()).statusCode()).isEqualTo(418);
    }
}
