package dev.stamp.core.token;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.testing.InMemoryStores;
import dev.stamp.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTokensTest {
    final InMemoryStores stores = new InMemoryStores();
    final List<ApiToken> saved = new ArrayList<>();
    final ApiTokenStore store = new ApiTokenStore() {
        @Override public void insert(ApiToken token) { saved.add(token); }
        @Override public Optional<ApiToken> findByHash(String hash) { return saved.stream().filter(t -> t.hash().equals(hash)).findFirst(); }
        @Override public Optional<ApiToken> find(String id) { return saved.stream().filter(t -> t.id().equals(id)).findFirst(); }
        @Override public List<ApiToken> list() { return List.copyOf(saved); }
        @Override public boolean revoke(String id, Instant at) {
            saved.replaceAll(t -> t.id().equals(id) ? t.revokedAt(at) : t);
            return true;
        }
    };
    final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    final ApiTokens tokens = new ApiTokens(store, stores.stores().audit(), clock, new SecureRandom());

    @Test
    void secretIsPrefixedRandomAndStoredOnlyAsItsHash() {
        var created = tokens.create(Role.ADMIN, List.of(), null, "test");
        assertThat(created.secret()).matches("stamp_[A-Za-z0-9_-]{43}");
        assertThat(created.token().hash()).hasSize(64).isNotEqualTo(created.secret());
        assertThat(saved.toString()).doesNotContain(created.secret());
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(tokens.authenticate(created.secret())).contains(created.token());
        assertThat(tokens.authenticate(created.secret() + "x")).isEmpty();
        assertThat(tokens.authenticate("Bearer " + created.secret())).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.create(Role.ADMIN, List.of(), null, "test").secret()).isNotEqualTo(created.secret());
    }

    @Test
    void revokedTokensNoLongerAuthenticateAndRevokingTwiceIsInvalidState() {
        var created = tokens.create(Role.AUDITOR, List.of(), "ro", "test");
        tokens.revoke(created.token().id(), "test");
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        assertThatThrownBy(() -> tokens.revoke(created.token().id(), "test")).isInstanceOf(StampException.class)
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThatThrownBy(() -> tokens.revoke("tok_nope", "test")).extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(stores.stores().audit().entries()).extracting(e -> e.event().action()).containsExactly("token.create", "token.revoke");
    }

    @Test
    void issuersNeedCasAndOnlyIssuersNameThem() {
        assertThatThrownBy(() -> tokens.create(Role.ISSUER, List.of(), null, "t")).extracting(e -> ((StampException) e).code())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThatThrownBy(() -> tokens.create(Role.AUDITOR, List.of("ca"), null, "t")).extracting(e -> ((StampException) e).code())
                .isEqualTo(ErrorCode.INVALID_ARGUMENT);
        var issuer = tokens.create(Role.ISSUER, List.of("ca-1"), null, "t").token();
        assertThat(issuer.covers("ca-1")).isTrue();
        assertThat(issuer.covers("ca-2")).isFalse();
    }

    @Test
    void tokenWorksUntilItsExpiryAndNotFromThenOn() {
        Instant expiry = Instant.parse("2026-04-01T00:00:00Z");
        var created = tokens.create(Role.AUDITOR, List.of(), "ci", expiry, "test");
        assertThat(created.token().expiresAt()).isEqualTo(expiry);
        clock.set(expiry.minusNanos(1));
        assertThat(tokens.authenticate(created.secret())).isPresent();
        clock.set(expiry);
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        assertThat(tokens.create(Role.ADMIN, List.of(), null, "t").token().expiresAt()).isNull();
    }

    @Test
    void expiryInThePastIsRefusedNamingIt() {
        assertThatThrownBy(() -> tokens.create(Role.ADMIN, List.of(), null, Instant.parse("2025-12-31T00:00:00Z"), "t"))
                .isInstanceOf(StampException.class).hasMessageContaining("2025-12-31T00:00:00Z")
                .extracting(e -> ((StampException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void expiryDurationsAreTheValidityShorthandAndOtherTextIsRefusedByName() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(ApiTokens.expiry("--expires", "90d", now)).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(ApiTokens.expiry("--expires", "12h", now)).isEqualTo(Instant.parse("2026-01-01T12:00:00Z"));
        assertThatThrownBy(() -> ApiTokens.expiry("expiresIn", "soon", now)).isInstanceOf(StampException.class)
                .hasMessage("expiresIn 'soon' is not a duration such as 12h, 90d, 6m or 1y");
    }
}
