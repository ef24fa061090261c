-- Retention runs (issue 15): legal holds, and runs that destroy what is due, resumable after a
-- crash, each with its destruction certificate. No personal plaintext: a hold's reason is
-- sealed with the person's key; runs and certificates hold ids, categories, dates and articles.

-- A legal hold (bewaarplicht opgeschort) on a person, or on one category of a person: it
-- blocks destruction and erasure from starts_on until it is released or ends_on has passed.
CREATE TABLE legal_holds (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    category    TEXT,
    kind        TEXT NOT NULL,
    reason      BLOB NOT NULL,
    placed_by   TEXT NOT NULL,
    placed_role TEXT NOT NULL,
    placed_at   TEXT NOT NULL,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT,
    review_on   TEXT,
    released_at TEXT,
    released_by TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX legal_holds_person ON legal_holds (tenant_id, person_id);

-- A retention run: what was due as of a date, fixed when it started, and its certificate once
-- every item is done. At most one run per organisation is unfinished.
CREATE TABLE retention_runs (
    tenant_id         TEXT NOT NULL,
    id                TEXT NOT NULL,
    as_of             TEXT NOT NULL,
    started_at        TEXT NOT NULL,
    started_by        TEXT NOT NULL,
    started_role      TEXT NOT NULL,
    reglement_version TEXT NOT NULL,
    law_version       TEXT NOT NULL,
    held              TEXT NOT NULL,
    finished_at       TEXT,
    certificate       TEXT,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX retention_runs_one_open ON retention_runs (tenant_id) WHERE finished_at IS NULL;

-- The items of a run: a person's whole file (scope 'person', crypto-shredded) or the due records
-- of one category (scope 'records'). An item is marked done in the same transaction as its
-- destruction and its audit event, so a resumed run never destroys twice.
CREATE TABLE retention_run_items (
    tenant_id  TEXT NOT NULL,
    run_id     TEXT NOT NULL,
    item       INTEGER NOT NULL,
    person_id  TEXT NOT NULL,
    category   TEXT,
    scope      TEXT NOT NULL,
    detail     TEXT NOT NULL,
    done_at    TEXT,
    outcome    TEXT,
    PRIMARY KEY (tenant_id, run_id, item)
);
