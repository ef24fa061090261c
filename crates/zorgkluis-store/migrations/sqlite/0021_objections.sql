-- Objections (art. 21 AVG; issue 13 part 5, issue 14 part 3): the processing of the reglement
-- objected to, optionally narrowed to its disclosure to a recipient (kind) and to categories
-- (comma-separated; empty: all), who made it (the subject, or a representative whose ground
-- was checked as for a request of type bezwaar), the day it was received, whether art. 21 lid
-- 1 applies on the processing's grondslag (art. 6 lid 1 sub e or f AVG) when it was filed, and
-- the articles its answer cited. The grounds the person gave and a representative's name are
-- sealed with the person's key (details). Never overwritten: the decision and a withdrawal
-- are recorded beside it.
CREATE TABLE objections (
    tenant_id             TEXT NOT NULL,
    id                    TEXT NOT NULL,
    person_id             TEXT NOT NULL,
    processing            TEXT NOT NULL,
    recipient             TEXT,
    categories            TEXT NOT NULL,
    made_by               TEXT NOT NULL,
    representative_person TEXT,
    ground                TEXT,
    authorisation         INTEGER NOT NULL,
    received_on           TEXT NOT NULL,
    applies               INTEGER NOT NULL,
    articles              TEXT NOT NULL,
    made_by_articles      TEXT NOT NULL,
    details               BLOB NOT NULL,
    recorded_by           TEXT NOT NULL,
    recorded_role         TEXT NOT NULL,
    recorded_at           TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX objections_person ON objections (tenant_id, person_id);

-- The decision, beside the objection (one per objection): toegewezen (the processing stops
-- for the person) or afgewezen with the compelling legitimate grounds the controller recorded
-- (art. 21 lid 1 AVG; sealed, required where the right applies), the day, the articles, and
-- who decided.
CREATE TABLE objection_decisions (
    tenant_id          TEXT NOT NULL,
    objection_id       TEXT NOT NULL,
    person_id          TEXT NOT NULL,
    outcome            TEXT NOT NULL,
    decided_on         TEXT NOT NULL,
    compelling_grounds BLOB,
    articles           TEXT NOT NULL,
    decided_by         TEXT NOT NULL,
    decided_role       TEXT NOT NULL,
    decided_at         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, objection_id),
    FOREIGN KEY (tenant_id, objection_id) REFERENCES objections (tenant_id, id)
);

-- A withdrawal of the objection by the person (or who acts for him), from a day; one per
-- objection, the objection and its decision unchanged.
CREATE TABLE objection_withdrawals (
    tenant_id     TEXT NOT NULL,
    objection_id  TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    withdrawn_by  TEXT NOT NULL,
    withdrawn_on  TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_role TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, objection_id),
    FOREIGN KEY (tenant_id, objection_id) REFERENCES objections (tenant_id, id)
);
