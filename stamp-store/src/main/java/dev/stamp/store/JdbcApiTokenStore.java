package dev.stamp.store;

import dev.stamp.core.StampException;
import dev.stamp.core.token.ApiToken;
import dev.stamp.core.token.ApiTokenStore;
import dev.stamp.core.token.Role;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link ApiTokenStore} over JDBC: hashes only, never a secret. Thread-safe. */
final class JdbcApiTokenStore implements ApiTokenStore {
    private static final String COLUMNS = "token_id, name, role, ca_ids, token_hash, created_at, revoked_at, expires_at";
    private final Transactions tx;

    JdbcApiTokenStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(ApiToken token) {
        Objects.requireNonNull(token, "token");
        int rows = tx.write("store API token " + token.id(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, token.id());
                s.setString(2, token.name());
                s.setString(3, token.role().name());
                s.setString(4, CaIds.encode(token.caIds()));
                s.setString(5, token.hash());
                s.setString(6, Instants.encode(token.createdAt()));
                s.setString(7, Instants.encode(token.revokedAt()));
                s.setString(8, Instants.encode(token.expiresAt()));
                return s.executeUpdate();
            }
        });
        if (rows == 0) throw StampException.conflict("an API token with id " + token.id() + " or the same secret exists already");
    }

    @Override
    public Optional<ApiToken> findByHash(String hash) {
        return one("token_hash", Objects.requireNonNull(hash, "hash"));
    }

    @Override
    public Optional<ApiToken> find(String id) {
        return one("token_id", Objects.requireNonNull(id, "id"));
    }

    private Optional<ApiToken> one(String column, String value) {
        return tx.read("read API token", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE " + column + " = ?")) {
                s.setString(1, value);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(token(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ApiToken> list() {
        return tx.read("list API tokens", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, token_id");
                 ResultSet rs = s.executeQuery()) {
                List<ApiToken> out = new ArrayList<>();
                while (rs.next()) out.add(token(rs));
                return out;
            }
        });
    }

    @Override
    public boolean revoke(String id, Instant at) {
        return tx.write("revoke API token " + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE token_id = ? AND revoked_at IS NULL")) {
                s.setString(1, Instants.encode(at));
                s.setString(2, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                CaIds.decode(rs.getString(4)), rs.getString(5),
                Instants.decode(rs.getString(6)), Instants.decode(rs.getString(7)), Instants.decode(rs.getString(8)));
    }
}
