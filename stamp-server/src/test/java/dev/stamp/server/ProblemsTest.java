package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stamp.core.ErrorCode;
import dev.stamp.server.http.ProblemType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {
    static TestServer s;

    @BeforeAll static void start() { s = new TestServer(); }
    @AfterAll static void stop() { s.close(); }

    static final Map<ErrorCode, Integer> STATUS = Map.ofEntries(
            Map.entry(ErrorCode.NOT_FOUND, 404), Map.entry(ErrorCode.INVALID_ARGUMENT, 400), Map.entry(ErrorCode.INVALID_STATE, 409),
            Map.entry(ErrorCode.MALFORMED_CSR, 400), Map.entry(ErrorCode.MALFORMED_CERTIFICATE, 400), Map.entry(ErrorCode.POLICY_VIOLATION, 400),
            Map.entry(ErrorCode.LIMIT_EXCEEDED, 429), Map.entry(ErrorCode.CONFLICT, 409), Map.entry(ErrorCode.CERTIFICATE_MISMATCH, 400),
            Map.entry(ErrorCode.REQUEST_IN_PROGRESS, 409), Map.entry(ErrorCode.REQUEST_FAILED, 409), Map.entry(ErrorCode.UNAUTHORIZED, 401), Map.entry(ErrorCode.FORBIDDEN, 403));

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeHasItsOwnProblemTypeAndStatus(ErrorCode code) {
        ProblemType type = ProblemType.of(code);
        assertThat(type.status()).isEqualTo(STATUS.get(code));
        assertThat(type.uri()).isEqualTo("https://stamp.dev/problems/" + code.name().toLowerCase().replace('_', '-'));
    }

    @Test
    void problemTypesAreDistinct() {
        Set<String> uris = new HashSet<>();
        for (ProblemType t : ProblemType.values()) assertThat(uris.add(t.uri())).as(t.name()).isTrue();
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String slug) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode p = TestServer.json(r);
        assertThat(p.get("type").asText()).isEqualTo("https://stamp.dev/problems/" + slug);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("requestId").asText()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        return p;
    }

    @Test
    void malformedJsonIs400AndTheServerKeepsServing() {
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, "{\"csr\": "), 400, "malformed-request");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, "[1,2]"), 400, "malformed-request");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, "{\"unknown\": 1}"), 400, "malformed-request");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, "null"), 400, "invalid-argument");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, ""), 400, "invalid-argument");
        assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void oversizeBodyIs413() {
        String big = "{\"csr\":\"" + "A".repeat((int) StampServer.MAX_BODY) + "\"}";
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, big), 413, "payload-too-large");
        assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void coreErrorsCarryTheirMessage() {
        JsonNode p = problem(s.get("/cas/no-such-ca", s.admin), 404, "not-found");
        assertThat(p.get("detail").asText()).contains("no-such-ca");
        problem(s.send("POST", "/cas/no-such-ca/certificates", s.admin, s.issueBody("a.example.test")), 404, "not-found");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, "{\"csr\":\"not a csr\",\"validity\":\"90d\"}"), 400, "malformed-csr");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin,
                "{\"csr\":" + TestServer.JSON.valueToTree(s.csrPem("v.example.test")) + ",\"validity\":\"9x\"}"), 400, "invalid-argument");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin,
                "{\"csr\":" + TestServer.JSON.valueToTree(s.csrPem("v.example.test")) + ",\"validity\":{\"value\":1,\"type\":\"WEEKS\"}}"), 400, "invalid-argument");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin,
                "{\"csr\":" + TestServer.JSON.valueToTree(s.csrPem("v.example.test")) + ",\"validity\":\"90d\",\"template\":\"NoSuchTemplate/V1\"}"), 400, "invalid-argument");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin,
                "{\"csr\":" + TestServer.JSON.valueToTree(s.csrPem("v.example.test")) + ",\"validity\":\"90y\"}"), 400, "policy-violation");
        problem(s.send("DELETE", "/cas/" + s.issuing.id() + "?days=3", s.admin, null), 400, "invalid-argument");
        problem(s.send("POST", "/cas/" + s.issuing.id() + "/restore", s.admin, null), 409, "invalid-state");
        problem(s.get("/no-such-route", s.admin), 404, "not-found");
    }

    @Test
    void unexpectedFailureIs500WithTheRequestIdAndNoDetail() {
        s.tokenStore.broken = true;
        try {
            JsonNode p = problem(s.get("/cas", s.admin), 500, "internal");
            assertThat(p.has("detail")).isFalse();
            assertThat(p.toString()).doesNotContain("outage");
        } finally {
            s.tokenStore.broken = false;
        }
        assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void servedOpenApiDocumentIsTheOneInDocs() throws Exception {
        var served = s.get("/openapi.json", null).body();
        assertThat(TestServer.JSON.readTree(served))
                .isEqualTo(TestServer.JSON.readTree(java.nio.file.Files.readString(java.nio.file.Path.of("../docs/openapi.json"))));
    }

    @Test
    void oversizeChunkedBodyWithoutLengthIs413() {
        byte[] big = ("{\"csr\":\"" + "A".repeat((int) StampServer.MAX_BODY) + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var request = java.net.http.HttpRequest.newBuilder(s.api("/cas/" + s.issuing.id() + "/certificates"))
                .header("Authorization", "Bearer " + s.admin).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        problem(s.send(request), 413, "payload-too-large");
        assertThat(s.get("/cas", s.admin).statusCode()).isEqualTo(200);
    }

    @Test
    void requestLogHasOneLinePerRequestWithoutTokenOrBody() {
        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.stamp.server.requests");
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        var level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        logger.addAppender(appender);
        try {
            var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates", s.admin, s.issueBody("log.example.test"));
            String id = r.headers().firstValue("X-Request-Id").orElseThrow();
            var lines = appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(l -> l.contains(id)).toList();
            assertThat(lines).singleElement().satisfies(l -> assertThat(l)
                    .contains("method=POST", "path=/api/v1/cas/" + s.issuing.id() + "/certificates", "status=201", "durationMs=")
                    .doesNotContain(s.admin).doesNotContain("BEGIN"));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
    }
}
