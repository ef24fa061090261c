-- Retention extended beyond its term (issue 15 part 2): on the client's consent, where the
-- reglement's rule says verlengbaar_met_toestemming (BG wonen 3.6), or on the caregiver's
-- judgement where the WGBO or the Jeugdwet governs (art. 7:454 lid 3 BW, art. 7.3.8
-- Jeugdwet). The reason is personal data: sealed with the person's key. Never overwritten:
-- a withdrawal is recorded beside it.
CREATE TABLE retention_extensions (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    category     TEXT NOT NULL,
    ground       TEXT NOT NULL,
    until        TEXT NOT NULL,
    reason       BYTEA NOT NULL,
    article      TEXT NOT NULL,
    decided_by   TEXT NOT NULL,
    decided_role TEXT NOT NULL,
    decided_at   TEXT NOT NULL,
    withdrawn_at TEXT,
    withdrawn_by TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX retention_extensions_person ON retention_extensions (tenant_id, person_id);

-- The transfer of the whole registration to another organisation for the continuity of care
-- (BG wonen and Rondomzorg 3.7): while it stands, retention and destruction do not apply. The
-- clients are told so that they can object (clients_told_on). No personal data: the recipient
-- is an organisation.
CREATE TABLE registration_transfers (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    recipient       TEXT NOT NULL,
    starts_on       TEXT NOT NULL,
    started_by      TEXT NOT NULL,
    started_role    TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    clients_told_on TEXT,
    ended_on        TEXT,
    ended_by        TEXT,
    PRIMARY KEY (tenant_id, id)
);
