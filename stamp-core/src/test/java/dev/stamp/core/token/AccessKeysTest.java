package dev.stamp.core.token;

import dev.stamp.core.ErrorCode;
import dev.stamp.core.StampException;
import dev.stamp.core.crypto.CryptoProviders;
import dev.stamp.core.testing.EphemeralKeyVault;
import dev.stamp.core.testing.InMemoryStores;
import dev.stamp.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessKeysTest {
    final InMemoryStores stores = new InMemoryStores();
    final List<AccessKey> saved = new ArrayList<>();
    final AccessKeyStore store = new AccessKeyStore() {
        @Override public void insert(AccessKey key) { saved.add(key); }
        @Override public Optional<AccessKey> find(String id) { return saved.stream().filter(k -> k.id().equals(id)).findFirst(); }
        @Override public List<AccessKey> list() { return List.copyOf(saved); }
        @Override public boolean revoke(String id, Instant at) {
            saved.replaceAll(k -> k.id().equals(id) ? new AccessKey(k.id(), k.name(), k.role(), k.caIds(), k.sealedSecret(), k.createdAt(), at) : k);
            return true;
        }
    };
    final SecureRandom random = new SecureRandom();
    final AccessKeys keys = new AccessKeys(store, new EphemeralKeyVault(CryptoProviders.detect(), random), stores.stores().audit(),
            MutableClock.at("2026-01-01T00:00:00Z"), random);

    @Test
    void theSecretHasAwssShapeIsStoredOnlySealedAndOpensForItsKey() {
        var created = keys.create(Role.ISSUER, List.of("ca-1"), "issuer", "test");
        assertThat(created.key().id()).matches("SKIA[A-Z2-7]{16}");
        assertThat(created.secretAccessKey()).hasSize(40).matches("[A-Za-z0-9+/]{40}");
        String stored = saved.toString() + Base64.getEncoder().encodeToString(saved.getFirst().sealedSecret())
                + new String(saved.getFirst().sealedSecret(), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(created.secretAccessKey());
        assertThat(created.toString()).doesNotContain(created.secretAccessKey());
        assertThat(keys.secret(created.key().id())).hasValueSatisfying(
                s -> assertThat(new String(s, StandardCharsets.US_ASCII)).isEqualTo(created.secretAccessKey()));
        assertThat(keys.create(Role.ADMIN, List.of(), null, "test").secretAccessKey()).isNotEqualTo(created.secretAccessKey());
    }

    @Test
    void aRevokedKeyHasNoSecretAndCannotBeRevokedAgain() {
        var created = keys.create(Role.ADMIN, List.of(), null, "test");
        keys.revoke(created.key().id(), "test");
        assertThat(keys.secret(created.key().id())).isEmpty();
        assertThat(keys.find(created.key().id())).isEmpty();
        assertThatThrownBy(() -> keys.revoke(created.key().id(), "test")).isInstanceOfSatisfying(StampException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThatThrownBy(() -> keys.revoke("SKIANOSUCHKEY", "test")).isInstanceOfSatisfying(StampException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void anUnknownIdHasNoSecret() {
        assertThat(keys.secret("SKIAUNKNOWN")).isEmpty();
        assertThat(keys.secret(null)).isEmpty();
    }

    @Test
    void creatingAndRevokingAreAudited() {
        var created = keys.create(Role.AUDITOR, List.of(), "reader", "token:tok_1");
        keys.revoke(created.key().id(), "token:tok_1");
        assertThat(stores.stores().audit().entries().stream().map(e -> e.event().action()).toList())
                .contains("accesskey.create", "accesskey.revoke");
    }
}
