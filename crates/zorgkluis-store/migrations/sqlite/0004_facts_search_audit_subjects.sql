-- Persons get structured identification facts (name, date of birth, the organisation's client
-- number), sealed with the person's key per category, and the keyed hashes (HMAC) by which
-- they are found. Both go with the person's key when the person is erased.
CREATE TABLE person_facts (
    tenant_id   TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    category    TEXT NOT NULL,
    content     BLOB NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, person_id, category),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);

CREATE TABLE person_search (
    tenant_id   TEXT NOT NULL,
    token       BLOB NOT NULL,
    person_id   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, token, person_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);

-- A BSN and a client number belong to one person of an organisation.
ALTER TABLE persons ADD COLUMN client_number_hash BLOB;
CREATE UNIQUE INDEX persons_client_number ON persons (tenant_id, client_number_hash);
DROP INDEX persons_bsn;
CREATE UNIQUE INDEX persons_bsn ON persons (tenant_id, bsn_hash);

-- Audit events name what they acted on besides a person (a staff member, a token), and the
-- persons a list or a search showed; both are covered by the event's hash. The subjects are
-- indexed per person, so that a client's access log finds the lists that showed them.
ALTER TABLE audit_events ADD COLUMN object TEXT;
ALTER TABLE audit_events ADD COLUMN subjects TEXT;

CREATE TABLE audit_subjects (
    tenant_id   TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, person_id, seq)
);
-- `audit verify` checks the index against the events' hashed subjects, by event.
CREATE INDEX audit_subjects_seq ON audit_subjects (tenant_id, seq);
CREATE INDEX audit_events_listed ON audit_events (tenant_id, seq) WHERE subjects IS NOT NULL;
CREATE TRIGGER audit_subjects_no_update BEFORE UPDATE ON audit_subjects
BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END;
CREATE TRIGGER audit_subjects_no_delete BEFORE DELETE ON audit_subjects
BEGIN SELECT RAISE(ABORT, 'audit_subjects is append-only'); END;

-- Every table's key starts with the organisation, so the database can be distributed by
-- tenant (Citus): sessions are rebuilt that way (open sessions end), and a token's hash is
-- unique within its organisation.
DROP TABLE sessions;
CREATE TABLE sessions (
    tenant_id   TEXT NOT NULL,
    token_hash  BLOB NOT NULL,
    user_id     TEXT NOT NULL,
    csrf        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, token_hash),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
DROP INDEX api_tokens_hash;
CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (tenant_id, token_hash);
