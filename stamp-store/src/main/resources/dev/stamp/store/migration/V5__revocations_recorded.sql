-- Stamp schema, version 5: an index on the time a revocation was stored, across CAs. Each server polls it about
-- once a second for revocations that other processes sharing the database recorded (RevocationStore.revokedFrom),
-- so that its CRLs and OCSP answers show them; without it every poll would scan the whole table.
CREATE INDEX revocations_recorded ON revocations (revoked_at);
