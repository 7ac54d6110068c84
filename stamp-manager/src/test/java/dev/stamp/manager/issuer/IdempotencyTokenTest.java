package dev.stamp.manager.issuer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTokenTest {
    /** Expected values from {@code printf 'namespace/name' | sha256sum | cut -c1-36}. */
    @ParameterizedTest
    @CsvSource({
            "default, my-cert, 510f6cafe8321f28366b2a47bc8ac14e1387",
            "apps,    app-1,   b5abbec62515f71c8c362536e18d4b64b1c3"})
    void isTheFirst36HexCharactersOfSha256OfNamespaceSlashName(String namespace, String name, String token) {
        assertThat(IdempotencyToken.of(namespace, name)).isEqualTo(token).hasSize(36);
    }

    @ParameterizedTest
    @CsvSource({"apps, app-1, apps, app-2", "apps, app-1, app, s/app-1"})
    void differsForEveryOtherRequest(String namespace, String name, String otherNamespace, String otherName) {
        assertThat(IdempotencyToken.of(namespace, name)).isNotEqualTo(IdempotencyToken.of(otherNamespace, otherName));
    }
}
