-- Stamp schema, version 7: the expiry gauges count a CA's certificates expiring within 7 and 30 days by a range
-- scan of this index instead of reading every certificate. The same SQL on SQLite and PostgreSQL.
CREATE INDEX certificates_by_expiry ON certificates (ca_id, not_after);
