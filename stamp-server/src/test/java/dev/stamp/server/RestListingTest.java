package dev.stamp.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Certificate listings with filters and cursor pages, the audit log over REST, and token management over REST. */
class RestListingTest {
    static TestServer s;
    static String revokedSerial;

    @BeforeAll
    static void start() {
        s = new TestServer();
        issue(s.issuing.id(), "alpha.example.test");
        issue(s.issuing.id(), "beta.example.test");
        revokedSerial = issue(s.issuing.id(), "gamma.example.test");
        issue(s.other.id(), "alpha.other.test");
        issue(s.other.id(), "delta.other.test");
        var r = s.send("POST", "/cas/" + s.issuing.id() + "/certificates/" + revokedSerial + "/revoke", s.admin, "{\"reason\":\"keyCompromise\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @AfterAll static void stop() { s.close(); }

    static String issue(String caId, String name) {
        s.testPki.clock.advance(java.time.Duration.ofSeconds(1)); // distinct creation times: a known newest-first order
        var r = s.send("POST", "/cas/" + caId + "/certificates", s.admin, s.issueBody(name));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return TestServer.json(r).get("serial").asText();
    }

    static List<String> subjects(String path, String token) {
        var r = s.get(path, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        TestServer.json(r).get("items").forEach(i -> out.add(i.get("subject").asText().replaceAll(".*CN=([^,]+).*", "$1")));
        return out;
    }

    @Test
    void everyCaIsListedNewestFirstAndPagedByCursorWithoutRepeats() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var r = s.get("/certificates?name=.test&limit=2" + (cursor == null ? "" : "&cursor=" + cursor), s.auditor);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode body = TestServer.json(r);
            body.get("items").forEach(i -> seen.add(i.get("subject").asText()));
            cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).containsExactly("CN=delta.other.test", "CN=alpha.other.test", "CN=gamma.example.test",
                "CN=beta.example.test", "CN=alpha.example.test");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersCombineByStatusNameAndCa() {
        assertThat(subjects("/certificates?status=REVOKED", s.auditor)).containsExactly("gamma.example.test");
        assertThat(subjects("/certificates?name=ALPHA", s.auditor)).containsExactly("alpha.other.test", "alpha.example.test");
        assertThat(subjects("/cas/" + s.other.id() + "/certificates?name=alpha", s.auditor)).containsExactly("alpha.other.test");
        assertThat(subjects("/cas/" + s.issuing.id() + "/certificates?status=ISSUED&name=example.test", s.auditor))
                .containsExactly("beta.example.test", "alpha.example.test");
        assertThat(subjects("/certificates?status=EXPIRED", s.auditor)).isEmpty();
        String soon = s.testPki.clock.instant().plus(java.time.Duration.ofDays(1)).toString();
        assertThat(subjects("/certificates?expiringBefore=" + soon, s.auditor)).isEmpty();
        String later = s.testPki.clock.instant().plus(java.time.Duration.ofDays(100)).toString();
        assertThat(subjects("/certificates?name=.test&expiringBefore=" + later, s.auditor)).hasSize(5);
        var item = TestServer.json(s.get("/certificates?status=REVOKED", s.auditor)).get("items").get(0);
        assertThat(item.get("status").asText()).isEqualTo("REVOKED");
        assertThat(item.get("state").asText()).isEqualTo("ISSUED");
    }

    @Test
    void anIssuerListingEveryCaSeesOnlyItsOwn() {
        assertThat(subjects("/certificates?name=.test", s.otherIssuer)).containsExactly("delta.other.test", "alpha.other.test");
    }

    @Test
    void nameWildcardsAreLiteral() {
        assertThat(subjects("/certificates?name=" + URLEncoder.encode("%", StandardCharsets.UTF_8), s.auditor)).isEmpty();
        assertThat(subjects("/certificates?name=alpha_", s.auditor)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "status=BOGUS|status 'BOGUS'",
            "expiringBefore=tomorrow|expiringBefore must be an RFC 3339 time",
            "limit=0|limit must be between 1 and 1000, not 0",
            "limit=ten|limit must be a whole number, not 'ten'",
            "cursor=bm90LWEtY3Vyc29y|cursor 'bm90LWEtY3Vyc29y' is not a cursor"})
    void badListParametersAre400ProblemsNamingTheValue(String query, String message) {
        var r = s.get("/certificates?" + query, s.auditor);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(TestServer.json(r).get("detail").asText()).contains(message);
    }

    @Test
    void auditLogIsPagedInSequenceAndVerifies() {
        var first = TestServer.json(s.get("/audit?limit=3", s.auditor));
        assertThat(first.get("items")).hasSize(3);
        assertThat(first.get("items").get(0).get("sequence").asLong()).isEqualTo(1);
        var second = TestServer.json(s.get("/audit?limit=3&cursor=" + first.get("nextCursor").asText(), s.auditor));
        assertThat(second.get("items").get(0).get("sequence").asLong()).isEqualTo(4);
        assertThat(second.get("items").get(0).get("previousHash").asText()).isEqualTo(first.get("items").get(2).get("hash").asText());

        var verdict = TestServer.json(s.send("POST", "/audit/verify", s.admin, null));
        assertThat(verdict.get("intact").asBoolean()).isTrue();
        assertThat(verdict.get("problem").isNull()).isTrue();
        assertThat(verdict.get("entries").asLong()).isEqualTo(verdict.get("headSequence").asLong()).isGreaterThan(5);
        assertThat(s.get("/audit?cursor=xyz", s.auditor).statusCode()).isEqualTo(400);
    }

    @Test
    void tokenIsShownOnceWorksUntilRevokedThenGets401() {
        var created = s.send("POST", "/tokens", s.admin, "{\"role\":\"issuer\",\"caIds\":[\"" + s.issuing.id() + "\"],\"name\":\"ci\",\"expiresIn\":\"30d\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode token = TestServer.json(created);
        String secret = token.get("secret").asText();
        String id = token.get("id").asText();
        assertThat(token.get("status").asText()).isEqualTo("VALID");
        assertThat(token.get("expiresAt").asText()).isNotEmpty();

        assertThat(s.get("/cas/" + s.issuing.id() + "/certificates", secret).statusCode()).isEqualTo(200);
        var list = s.get("/tokens", s.admin);
        assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("\"secret\"");

        var revoked = s.send("DELETE", "/tokens/" + id, s.admin, null);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(revoked).get("status").asText()).isEqualTo("REVOKED");
        assertThat(s.get("/cas/" + s.issuing.id() + "/certificates", secret).statusCode()).isEqualTo(401);
        assertThat(s.send("DELETE", "/tokens/" + id, s.admin, null).statusCode()).isEqualTo(409);
    }

    @Test
    void tokenExpiresOnTheServersClock() {
        var created = TestServer.json(s.send("POST", "/tokens", s.admin, "{\"role\":\"auditor\",\"expiresIn\":\"2h\"}"));
        String secret = created.get("secret").asText();
        assertThat(s.get("/cas", secret).statusCode()).isEqualTo(200);
        var before = s.testPki.clock.instant();
        try {
            s.testPki.clock.advance(java.time.Duration.ofHours(3));
            assertThat(s.get("/cas", secret).statusCode()).isEqualTo(401);
            assertThat(TestServer.json(s.get("/tokens", s.admin)).toString()).contains("EXPIRED");
        } finally {
            s.testPki.clock.set(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"role\":\"root\"}|role 'root'",
            "{\"role\":\"issuer\"}|an issuer token needs at least one CA",
            "{\"role\":\"admin\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}|must lie in the future",
            "{\"role\":\"admin\",\"expiresAt\":\"soon\"}|expiresAt must be an RFC 3339 time",
            "{\"role\":\"admin\",\"expiresIn\":\"forever\"}|expiresIn 'forever' is not a duration",
            "{\"role\":\"admin\",\"expiresIn\":\"1d\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}|not both"})
    void badTokenRequestsAre400(String body, String message) {
        var r = s.send("POST", "/tokens", s.admin, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(TestServer.json(r).get("detail").asText()).contains(message);
    }
}
