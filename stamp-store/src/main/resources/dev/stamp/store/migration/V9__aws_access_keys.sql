-- AWS access key pairs for the AWS-compatible API (SigV4). SigV4 needs the secret itself to check a signature, so it
-- is kept sealed by the key vault (AES-GCM under a key that never leaves the vault, bound to the access key id).
-- ca_ids: the CAs an issuer key may use, comma-separated; empty for admin and auditor keys.
CREATE TABLE aws_access_keys (
    access_key_id  TEXT NOT NULL PRIMARY KEY,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    ca_ids         TEXT NOT NULL,
    sealed_secret  TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    revoked_at     TEXT
);
