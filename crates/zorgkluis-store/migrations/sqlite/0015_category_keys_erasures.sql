-- Erasure per category (issue 13): records are sealed with a key per person and category,
-- kept in the key store beside the person's key, so one category can be crypto-shredded
-- while the rest is kept. NULL: a row sealed with the person's key, before category keys.
ALTER TABLE records ADD COLUMN key_scope TEXT;

-- The certificate of an erasure: what was erased (categories, record counts, the articles),
-- what was refused and on which grounds, who decided and when; never a name or any content.
CREATE TABLE erasure_certificates (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    request_id  TEXT,
    issued_at   TEXT NOT NULL,
    issued_by   TEXT NOT NULL,
    whole_file  INTEGER NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX erasure_certificates_person ON erasure_certificates (tenant_id, person_id);
