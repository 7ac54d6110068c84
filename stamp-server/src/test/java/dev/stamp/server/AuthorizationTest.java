package dev.stamp.server;

import dev.stamp.core.audit.AuditEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** Every route against every kind of caller: who gets in (2xx or a 4xx that is not 401/403), who gets 401, who 403. */
class AuthorizationTest {
    static TestServer s;

    @BeforeAll static void start() { s = new TestServer(); }
    @AfterAll static void stop() { s.close(); }

    enum Caller { NONE, WRONG, EXPIRED, AUDITOR, OTHER_ISSUER, ISSUER, ADMIN }

    /** Which callers a route lets in; everyone else gets 401 (no or wrong token) or 403. */
    enum Access { READ, ISSUE, AUDIT, ADMIN }

    record Route(String method, Function<TestServer, String> path, Function<TestServer, String> body, Access access) {
        @Override public String toString() { return method + " " + path.apply(s); }
    }

    static List<Route> routes() {
        String ca = "/cas/%s";
        return List.of(
                new Route("GET", t -> "/cas", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()), t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/certificate", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/chain", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/csr", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/certificates", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/certificates/01", t -> null, Access.READ),
                new Route("POST", t -> ca.formatted(t.issuing.id()) + "/certificates", t -> t.issueBody("m.example.test"), Access.ISSUE),
                new Route("POST", t -> ca.formatted(t.issuing.id()) + "/certificates/01/revoke", t -> "{\"reason\":\"keyCompromise\"}", Access.ISSUE),
                new Route("POST", t -> "/cas", t -> "{\"type\":\"ROOT\",\"subject\":\"CN=M\",\"keyAlgorithm\":\"EC_prime256v1\",\"validity\":\"1y\"}", Access.ADMIN),
                new Route("PATCH", t -> ca.formatted(t.other.id()), t -> "{\"status\":\"ACTIVE\"}", Access.ADMIN),
                new Route("PUT", t -> ca.formatted(t.other.id()) + "/certificate", t -> "{\"certificate\":\"x\"}", Access.ADMIN),
                new Route("DELETE", t -> ca.formatted("no-such-ca") + "?days=7", t -> null, Access.ADMIN),
                new Route("POST", t -> ca.formatted("no-such-ca") + "/restore", t -> null, Access.ADMIN),
                new Route("GET", t -> "/certificates", t -> null, Access.READ),
                new Route("GET", t -> "/certificates?status=REVOKED&name=example&expiringBefore=2030-01-01T00:00:00Z&limit=5", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/certificates?status=ISSUED&limit=1", t -> null, Access.READ),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/crl", t -> null, Access.READ),
                new Route("GET", t -> "/audit?limit=2", t -> null, Access.AUDIT),
                new Route("GET", t -> "/audit/verify", t -> null, Access.AUDIT),
                new Route("GET", t -> ca.formatted(t.issuing.id()) + "/audit-reports/00000000-0000-0000-0000-000000000000", t -> null, Access.AUDIT),
                new Route("POST", t -> "/audit/verify", t -> null, Access.AUDIT),
                new Route("POST", t -> "/tokens", t -> "{\"role\":\"auditor\",\"name\":\"matrix\",\"expiresIn\":\"1d\"}", Access.ADMIN),
                new Route("GET", t -> "/tokens", t -> null, Access.ADMIN),
                new Route("DELETE", t -> "/tokens/tok_nosuchtoken", t -> null, Access.ADMIN));
    }

    static List<Object[]> matrix() {
        List<Object[]> rows = new ArrayList<>();
        for (Route r : routes()) for (Caller c : Caller.values()) rows.add(new Object[] {r, c});
        return rows;
    }

    static int expected(Route route, Caller caller) {
        return switch (caller) {
            case NONE, WRONG, EXPIRED -> 401;
            case ADMIN -> 0;
            case AUDITOR -> route.access == Access.READ || route.access == Access.AUDIT ? 0 : 403;
            case ISSUER -> route.access == Access.ADMIN || route.access == Access.AUDIT ? 403 : 0;
            // the issuer of another CA is refused on this CA's routes, and on admin and audit routes
            case OTHER_ISSUER -> route.access == Access.ADMIN || route.access == Access.AUDIT
                    || route.path.apply(s).contains(s.issuing.id()) ? 403 : 0;
        };
    }

    static String token(Caller c) {
        return switch (c) {
            case NONE -> null;
            case WRONG -> "stamp_" + "A".repeat(43);
            case EXPIRED -> s.expired;
            case AUDITOR -> s.auditor;
            case OTHER_ISSUER -> s.otherIssuer;
            case ISSUER -> s.issuer;
            case ADMIN -> s.admin;
        };
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void routeAndCaller(Route route, Caller caller) {
        var r = s.send(route.method(), route.path().apply(s), token(caller), route.body().apply(s));
        int want = expected(route, caller);
        if (want == 0) assertThat(r.statusCode()).as(r.body()).isNotIn(401, 403, 429).isLessThan(500);
        else assertThat(r.statusCode()).as(r.body()).isEqualTo(want);
    }

    @Test
    void issuersSeeOnlyTheirCasInTheList() {
        var items = TestServer.json(s.get("/cas", s.issuer)).get("items").findValuesAsText("id");
        assertThat(items).containsExactly(s.issuing.id());
        assertThat(TestServer.json(s.get("/cas", s.auditor)).get("items").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void failedAuthenticationIsAuditedWithoutTheToken() {
        String wrong = "stamp_" + "B".repeat(43);
        s.get("/cas", wrong);
        List<AuditEntry> entries = s.testPki.stores.audit().entries();
        assertThat(entries).anySatisfy(e -> assertThat(e.event().action()).isEqualTo("auth.failed"));
        assertThat(entries.toString()).doesNotContain(wrong).doesNotContain(s.admin);
    }
}
