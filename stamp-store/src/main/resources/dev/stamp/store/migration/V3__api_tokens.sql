-- API tokens for the server. Only the SHA-256 of a token (lowercase hex) is kept: the secret is shown once.
-- ca_ids: the CAs an issuer token may use, comma-separated; empty for admin and auditor tokens.
CREATE TABLE api_tokens (
    token_id    TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    ca_ids      TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
