-- What hangs off a CA besides its certificates (AWS's resource model): tags, a resource policy, permissions,
-- the idempotency tokens of CA creation, and audit reports (their content kept here, shared by every replica).
CREATE TABLE ca_tags (
    ca_id      TEXT NOT NULL,
    tag_key    TEXT NOT NULL,
    tag_value  TEXT,
    PRIMARY KEY (ca_id, tag_key)
);

CREATE TABLE ca_policies (
    ca_id   TEXT NOT NULL PRIMARY KEY,
    policy  TEXT NOT NULL
);

-- source_account is '' when the permission names none, so the key stays unique.
CREATE TABLE ca_permissions (
    ca_id           TEXT NOT NULL,
    principal       TEXT NOT NULL,
    source_account  TEXT NOT NULL,
    actions         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (ca_id, principal, source_account)
);

CREATE TABLE ca_create_tokens (
    token       TEXT NOT NULL PRIMARY KEY,
    ca_id       TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE ca_audit_reports (
    ca_id       TEXT NOT NULL,
    report_id   TEXT NOT NULL,
    format      TEXT NOT NULL,
    bucket      TEXT NOT NULL,
    object_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    content     TEXT NOT NULL,
    PRIMARY KEY (ca_id, report_id)
);
CREATE INDEX ca_audit_reports_by_time ON ca_audit_reports (ca_id, created_at);
