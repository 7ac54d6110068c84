-- Stamp schema, version 2: revocations and CRLs. The same SQL on SQLite and PostgreSQL.

-- A revocation is a row of its own beside the certificate's issued record, which it never changes.
-- The primary key makes a second revocation of one certificate fail, however concurrent.
-- not_after is the certificate's, so a CRL can drop the entry after it has expired and been listed once more;
-- crl_partition is serial mod 64 (CrlPartitions), fixed at revocation, so a partitioned CRL selects by index.
CREATE TABLE revocations (
    ca_id          TEXT    NOT NULL,
    serial         TEXT    NOT NULL,
    crl_partition  INTEGER NOT NULL,
    reason         TEXT    NOT NULL,
    revoked_at     TEXT    NOT NULL,
    not_after      TEXT    NOT NULL,
    actor          TEXT    NOT NULL,
    PRIMARY KEY (ca_id, serial),
    FOREIGN KEY (ca_id, serial) REFERENCES certificates (ca_id, serial)
);

-- Covering: a CRL streams its entries from this index alone, in index order, without a table lookup per row.
CREATE INDEX revocations_due ON revocations (ca_id, crl_partition, not_after, serial, revoked_at, reason);
CREATE INDEX revocations_by_time ON revocations (ca_id, revoked_at);

-- One row per CA: the last CRL number it used. A publisher locks it (FOR UPDATE on PostgreSQL; SQLite has one
-- writer) for the whole build, so one CRL writer per CA runs at a time and a number is never used twice.
CREATE TABLE crl_numbers (
    ca_id        TEXT   NOT NULL PRIMARY KEY REFERENCES certificate_authorities (ca_id),
    last_number  BIGINT NOT NULL
);

-- The latest CRL of each scope: crl_partition -1 is a CA's complete CRL, 0..63 its partitions.
-- A CRL number belongs to one CRL only, across every scope of the CA.
CREATE TABLE crls (
    ca_id          TEXT    NOT NULL REFERENCES certificate_authorities (ca_id),
    crl_partition  INTEGER NOT NULL,
    crl_number     BIGINT  NOT NULL,
    this_update    TEXT    NOT NULL,
    next_update    TEXT    NOT NULL,
    entries        BIGINT  NOT NULL,
    der            BYTEA   NOT NULL,
    PRIMARY KEY (ca_id, crl_partition),
    UNIQUE (ca_id, crl_number)
);
