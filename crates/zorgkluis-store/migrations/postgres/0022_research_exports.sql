-- Research exports (issue 14 part 5): a dataset for a named research project, on its ground
-- (consent, or art. 7:458 BW / art. 24 UAVG without it, with the conditions stated), without
-- the clients who objected; pseudonymised with the project's own key or anonymised (the k
-- achieved recorded). Each client whose data it used has an entry in the disclosure ledger
-- (art. 7:458 lid 3 BW: noted in the dossier). No plaintext beyond ids and counts.
CREATE TABLE research_exports (
    tenant_id          TEXT NOT NULL,
    id                 TEXT NOT NULL,
    project            TEXT NOT NULL,
    recipient_id       TEXT NOT NULL,
    ground             TEXT NOT NULL,
    mode               TEXT NOT NULL,
    categories         TEXT NOT NULL,
    conditions         TEXT NOT NULL,
    articles           TEXT NOT NULL,
    persons            INTEGER NOT NULL,
    excluded_objection INTEGER NOT NULL,
    excluded_consent   INTEGER NOT NULL,
    suppressed         INTEGER NOT NULL,
    k                  INTEGER NOT NULL,
    payload_sha256     TEXT NOT NULL,
    made_by            TEXT NOT NULL,
    made_at            TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, recipient_id) REFERENCES recipients (tenant_id, id)
);
