-- Stamp schema, version 6: delegated OCSP responders. The same SQL on SQLite and PostgreSQL.

-- Which key signs a CA's OCSP responses: 'CA' (its own) or 'DELEGATED' (a responder certificate it issued).
ALTER TABLE certificate_authorities ADD COLUMN ocsp_signing TEXT NOT NULL DEFAULT 'CA';

-- Each CA's delegated OCSP responders, one row per generation; the highest generation is the current one, so every
-- process on the database signs with the same responder. The primary key decides a rotation race: the process
-- whose insert of generation n+1 fails uses the winner's. The certificate is the CA's issued certificate (serial);
-- its private key is key_id in the key vault. rotate_at is when a successor is due.
CREATE TABLE ocsp_signers (
    ca_id       TEXT   NOT NULL,
    generation  BIGINT NOT NULL,
    serial      TEXT   NOT NULL,
    key_id      TEXT   NOT NULL,
    rotate_at   TEXT   NOT NULL,
    not_after   TEXT   NOT NULL,
    PRIMARY KEY (ca_id, generation),
    FOREIGN KEY (ca_id, serial) REFERENCES certificates (ca_id, serial)
);
