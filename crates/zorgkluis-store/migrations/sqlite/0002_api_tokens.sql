-- API tokens of other systems (ECD, intake form, billing): each acts in one role. Only the
-- SHA-256 of a token is stored; the token itself is shown once, when it is made.
CREATE TABLE api_tokens (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    token_hash  BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT,
    PRIMARY KEY (tenant_id, name)
);
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash);
