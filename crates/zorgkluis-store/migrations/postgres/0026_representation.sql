-- Persons with the facts the law turns on (issue 12 part 1): the date of death and the legal
-- status (curatele, mentorschap, beschermingsbewind) with its start, and representatives as
-- links between two registered persons. All of it is personal data of the subject: sealed with
-- the subject's key. The ids and the validity dates are columns, to find the links valid on a
-- day; what a link is (its ground, the date of a written authorisation) is sealed.
--
-- Legal facts are kept as versions, never overwritten: the newest is in force.
CREATE TABLE person_legal_facts (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    person_id       TEXT NOT NULL,
    content         BYTEA NOT NULL,
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX person_legal_facts_person ON person_legal_facts (tenant_id, person_id);

-- A representative: `representative_id` acts for `subject_id` from `valid_from` up to and
-- including `valid_until` (open when NULL), until the link is ended on `ended_on` (from that
-- day it no longer holds). An ended link stays, with who ended it.
CREATE TABLE representatives (
    tenant_id           TEXT NOT NULL,
    id                  TEXT NOT NULL,
    subject_id          TEXT NOT NULL,
    representative_id   TEXT NOT NULL,
    valid_from          TEXT NOT NULL,
    valid_until         TEXT,
    ended_on            TEXT,
    content             BYTEA NOT NULL,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    ended_at            TEXT,
    ended_by            TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES persons (tenant_id, id),
    FOREIGN KEY (tenant_id, representative_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX representatives_subject ON representatives (tenant_id, subject_id);
CREATE INDEX representatives_representative ON representatives (tenant_id, representative_id);
