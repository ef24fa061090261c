-- zorgkluis schema, PostgreSQL. Every row carries the organisation (tenant) id. Personal content
-- and identifiers are stored only as ciphertext sealed with the person's data key.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE reglement_versions (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    version     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    effective   TEXT NOT NULL,
    content     TEXT NOT NULL,
    adopted_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, sha256)
);

CREATE TABLE users (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    id          TEXT NOT NULL,
    role        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE persons (
    tenant_id        TEXT NOT NULL REFERENCES tenants(id),
    id               TEXT NOT NULL,
    subject_category TEXT NOT NULL,
    -- Keyed hash (HMAC-SHA-256) of the BSN, for lookup without plaintext.
    bsn_hash         BYTEA,
    created_at       TEXT NOT NULL,
    erased_at        TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX persons_bsn ON persons (tenant_id, bsn_hash);

-- The person's data key, wrapped (AES-256-GCM) by a master key kept outside the database.
-- Deleting the row is crypto-shredding: every ciphertext of the person becomes unreadable.
CREATE TABLE person_keys (
    tenant_id     TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    master_key_id TEXT NOT NULL,
    wrapped_key   BYTEA NOT NULL,
    PRIMARY KEY (tenant_id, person_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);

CREATE TABLE identity_checks (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    checked_on      TEXT NOT NULL,
    document_type   TEXT NOT NULL,
    document_number BYTEA NOT NULL,
    valid_until     TEXT NOT NULL,
    checked_by      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);

-- Dossier records. A correction or supplement is a new row that points at the row it
-- supersedes or supplements: history is never overwritten.
CREATE TABLE records (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    category    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    supersedes  TEXT,
    content     BYTEA NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX records_person ON records (tenant_id, person_id, category);

CREATE TABLE care_relationships (
    tenant_id   TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_until TEXT,
    PRIMARY KEY (tenant_id, user_id, person_id, valid_from)
);
CREATE INDEX care_person ON care_relationships (tenant_id, person_id);

-- The NEN 7513 audit log: append only, hash-chained per tenant. No personal plaintext: ids and
-- categories only; a free-text reason is sealed with the person's key.
CREATE TABLE audit_events (
    tenant_id    TEXT NOT NULL,
    seq          BIGINT NOT NULL,
    at           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    on_behalf_of TEXT,
    person_id    TEXT,
    action       TEXT NOT NULL,
    category     TEXT,
    purpose      TEXT NOT NULL,
    reason       BYTEA,
    emergency    INTEGER NOT NULL,
    source       TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    articles     TEXT NOT NULL,
    prev_hash    BYTEA NOT NULL,
    hash         BYTEA NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_person ON audit_events (tenant_id, person_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
