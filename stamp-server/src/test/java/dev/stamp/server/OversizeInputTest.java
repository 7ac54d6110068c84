package dev.stamp.server;

import dev.stamp.core.crypto.Pem;
import dev.stamp.core.testing.Csrs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Oversize inputs are refused with a 4xx problem, and the server keeps serving. */
class OversizeInputTest {
    static TestServer s;

    @BeforeAll static void start() { s = new TestServer(); }
    @AfterAll static void stop() { s.close(); }

    @Test
    void csrWithTenThousandSansIsRefused() {
        String[] names = new String[10_000];
        for (int i = 0; i < names.length; i++) names[i] = "n" + i + ".example.test";
        String pem = Pem.encode("CERTIFICATE REQUEST", Csrs.csr(Csrs.p256(), "CN=many", names));
        String body = TestServer.JSON.createObjectNode().put("csr", pem).put("validity", "1d").toString();
        var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, body);
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertServing();
    }

    @Test
    void oneMegabyteSubjectIsRefused() {
        String body = "{\"type\":\"ROOT\",\"subject\":\"CN=" + "x".repeat(1 << 20) + "\",\"keyAlgorithm\":\"EC_prime256v1\",\"validity\":\"1y\"}";
        var r = s.send("POST", "/cas", s.admin, body);
        assertThat(r.statusCode()).isEqualTo(413);
        assertServing();
    }

    @Test
    void subjectOverAwsLengthLimitIsRefusedNamingTheAttribute() {
        String body = "{\"type\":\"ROOT\",\"subject\":\"CN=" + "x".repeat(65) + "\",\"keyAlgorithm\":\"EC_prime256v1\",\"validity\":\"1y\"}";
        var r = s.send("POST", "/cas", s.admin, body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).containsIgnoringCase("commonName").contains("64");
        assertServing();
    }

    private static void assertServing() {
        assertThat(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, s.issueBody("still.example.test")).statusCode()).isEqualTo(201);
    }
}
