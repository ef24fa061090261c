-- Consent records (issue 14 part 1): who gave it (the subject, or a representative whose
-- ground was checked; for a minor of 12 up to 16 both, also_by), the form it was given in,
-- the day, the scope (a processing and/or a recipient (kind) of the reglement, the
-- categories, comma-separated, and a purpose label), valid from and until (inclusive: one day
-- has valid_from = valid_until), and the evidence: the version of the text shown and the
-- SHA-256 of a signed form in plain; the text shown, the form's reference and a
-- representative's name sealed with the person's key (details). The articles are those the
-- check of who consents cited. Never overwritten (AVG art. 7 lid 1: the controller shows the
-- consent).
CREATE TABLE consents (
    tenant_id             TEXT NOT NULL,
    id                    TEXT NOT NULL,
    person_id             TEXT NOT NULL,
    given_by              TEXT NOT NULL,
    also_by               TEXT,
    representative_person TEXT,
    ground                TEXT,
    authorisation         INTEGER NOT NULL,
    form                  TEXT NOT NULL,
    given_on              TEXT NOT NULL,
    processing            TEXT,
    recipient             TEXT,
    categories            TEXT NOT NULL,
    purpose               TEXT,
    valid_from            TEXT NOT NULL,
    valid_until           TEXT,
    evidence_version      TEXT,
    evidence_sha256       TEXT,
    details               BLOB NOT NULL,
    articles              TEXT NOT NULL,
    recorded_by           TEXT NOT NULL,
    recorded_role         TEXT NOT NULL,
    recorded_at           TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX consents_person ON consents (tenant_id, person_id);

-- A withdrawal, beside the consent it ends (AVG art. 7 lid 3: at any time): by whom (the
-- subject or a representative, as kind), from which day, and who recorded it when. One per
-- consent; the consent row itself is never changed.
CREATE TABLE consent_withdrawals (
    tenant_id     TEXT NOT NULL,
    consent_id    TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    withdrawn_by  TEXT NOT NULL,
    withdrawn_on  TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_role TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, consent_id),
    FOREIGN KEY (tenant_id, consent_id) REFERENCES consents (tenant_id, id)
);
