-- Stamp schema, version 1. The same SQL runs on SQLite and PostgreSQL, so it uses only types both accept:
-- TEXT, INTEGER, BIGINT, BOOLEAN and BYTEA (a BLOB on SQLite).
-- Instants are TEXT in one fixed-width UTC form (2025-01-31T12:00:00.000000000Z): text order is time order
-- and no precision is lost. Serials are lowercase hex zero-padded to 32 digits, so a lookup by (CA, serial) is exact.

CREATE TABLE certificate_authorities (
    ca_id                   TEXT    NOT NULL PRIMARY KEY,
    ca_type                 TEXT    NOT NULL,
    status                  TEXT    NOT NULL,
    status_before_deletion  TEXT,
    usage_mode              TEXT    NOT NULL,
    key_algorithm           TEXT    NOT NULL,
    signing_algorithm       TEXT    NOT NULL,
    -- one "oid=value" line per attribute, in order; custom = OID attributes rather than AWS's named set
    subject                 TEXT    NOT NULL,
    subject_custom          BOOLEAN NOT NULL,
    key_id                  TEXT    NOT NULL,
    csr_der                 BYTEA,
    certificate_der         BYTEA,
    -- the DER certificates above this CA, issuer first, root last, concatenated (DER delimits itself)
    chain_der               BYTEA   NOT NULL,
    crl_enabled             BOOLEAN NOT NULL,
    crl_expiration_days     INTEGER NOT NULL,
    crl_custom_cname        TEXT,
    crl_omit_extension      BOOLEAN NOT NULL,
    crl_partitioned         BOOLEAN NOT NULL,
    ocsp_enabled            BOOLEAN NOT NULL,
    ocsp_custom_cname       TEXT,
    created_at              TEXT    NOT NULL,
    last_state_change_at    TEXT    NOT NULL,
    restorable_until        TEXT,
    version                 BIGINT  NOT NULL
);

CREATE INDEX certificate_authorities_oldest_first ON certificate_authorities (created_at, ca_id);

CREATE TABLE certificates (
    ca_id              TEXT   NOT NULL REFERENCES certificate_authorities (ca_id),
    serial             TEXT   NOT NULL,
    state              TEXT   NOT NULL,
    template           TEXT   NOT NULL,
    subject            TEXT   NOT NULL,
    not_before         TEXT   NOT NULL,
    not_after          TEXT   NOT NULL,
    -- the to-be-signed certificate while PENDING, the signed one once ISSUED
    der                BYTEA  NOT NULL,
    -- NULLs are distinct in a UNIQUE constraint on both databases, so requests without a token never collide
    idempotency_token  TEXT,
    created_at         TEXT   NOT NULL,
    PRIMARY KEY (ca_id, serial),
    UNIQUE (ca_id, idempotency_token)
);

CREATE INDEX certificates_by_ca_newest_first ON certificates (ca_id, created_at DESC, serial DESC);
CREATE INDEX certificates_newest_first ON certificates (created_at DESC, serial DESC);

CREATE TABLE audit_log (
    sequence       BIGINT NOT NULL PRIMARY KEY,
    occurred_at    TEXT   NOT NULL,
    actor          TEXT   NOT NULL,
    action         TEXT   NOT NULL,
    -- '' when the event concerns no CA
    ca_id          TEXT   NOT NULL,
    target         TEXT   NOT NULL,
    detail         TEXT   NOT NULL,
    previous_hash  TEXT   NOT NULL,
    hash           TEXT   NOT NULL
);

CREATE INDEX audit_log_by_ca ON audit_log (ca_id, sequence);

-- The one row that every append locks: it serialises appenders across processes and records where the
-- chain ends, so that removing entries from the end is detected.
CREATE TABLE audit_head (
    head_id   INTEGER NOT NULL PRIMARY KEY CHECK (head_id = 1),
    sequence  BIGINT  NOT NULL,
    hash      TEXT    NOT NULL
);

INSERT INTO audit_head (head_id, sequence, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Private keys only as ciphertext under the vault's key-encryption key.
CREATE TABLE wrapped_keys (
    key_id      TEXT  NOT NULL PRIMARY KEY,
    algorithm   TEXT  NOT NULL,
    public_key  BYTEA NOT NULL,
    wrapped     BYTEA NOT NULL
);

CREATE TABLE vault_settings (
    name   TEXT NOT NULL PRIMARY KEY,
    value  TEXT NOT NULL
);
