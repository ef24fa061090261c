-- The complaints register (Wkkgz art. 13 and 17; issue 16). What the clock and the register's
-- filters need is in columns: the dates, who complained, the client it concerns, the outcome;
-- the free text (what it is about, the reason of an extension, the decision's text) is sealed
-- under a key derived from the root secret, opened only through the access path.
CREATE TABLE complaints (
    tenant_id          TEXT NOT NULL,
    id                 TEXT NOT NULL,
    received           TEXT NOT NULL,
    complainant_kind   TEXT NOT NULL,
    person_id          TEXT,
    officer_involved   BIGINT NOT NULL,
    extension_told     TEXT,
    decided_on         TEXT,
    outcome            TEXT,
    referred_on        TEXT,
    to_ap              BIGINT NOT NULL,
    texts              BYTEA NOT NULL,
    created_at         TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
