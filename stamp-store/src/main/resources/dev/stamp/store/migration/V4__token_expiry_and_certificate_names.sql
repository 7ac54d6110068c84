-- Stamp schema, version 4: token expiry and what certificate listings filter on. The same SQL on SQLite and PostgreSQL.

-- NULL: the token does not expire. An expired token is refused like an unknown one.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;

-- The subject's CNs and the SANs, lower case, one per line (CertificateNames), for the listing's name filter.
-- Rows issued before this version have NULL and are matched on their subject instead.
ALTER TABLE certificates ADD COLUMN names TEXT;

CREATE INDEX certificates_by_not_after ON certificates (not_after);
