-- The disclosure ledger (issue 14 part 2). Recipients are organisations in a register of their
-- own (the kind from the reglement's taxonomy, a name, an AGB code or KvK number, a country);
-- a disclosure records what went out to whom (categories, record ids, the SHA-256 of the
-- payload), on which basis (the consents that allowed it, or the articles without consent), by
-- whom and when, and whether the subject must be told (Rondomzorg and BG wonen 2.5). The
-- notice is recorded beside it: sent on a day (the letter sealed with the person's key), or
-- not sent under the reglement's recorded exception (the reason sealed). Never overwritten.
CREATE TABLE recipients (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    agb_code      TEXT,
    kvk_number    TEXT,
    country       TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE disclosures (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    recipient_id    TEXT NOT NULL,
    categories      TEXT NOT NULL,
    record_ids      TEXT NOT NULL,
    payload_sha256  TEXT NOT NULL,
    consent_ids     TEXT NOT NULL,
    articles        TEXT NOT NULL,
    purpose         TEXT NOT NULL,
    disclosed_on    TEXT NOT NULL,
    disclosed_by    TEXT NOT NULL,
    disclosed_role  TEXT NOT NULL,
    disclosed_at    TEXT NOT NULL,
    notice_required INTEGER NOT NULL,
    notice_articles TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id),
    FOREIGN KEY (tenant_id, recipient_id) REFERENCES recipients (tenant_id, id)
);
CREATE INDEX disclosures_person ON disclosures (tenant_id, person_id);

CREATE TABLE disclosure_notices (
    tenant_id     TEXT NOT NULL,
    disclosure_id TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    on_day        TEXT NOT NULL,
    sealed_text   BYTEA NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, disclosure_id),
    FOREIGN KEY (tenant_id, disclosure_id) REFERENCES disclosures (tenant_id, id)
);
