-- The register of privacy incidents and data breaches (art. 33 lid 5 AVG; issue 16). What the
-- AP's clock and the register's filters need is in columns; the free text (how it was found,
-- what happened, by whom, the consequences, the measures, the reasons of the decisions) is
-- sealed under a key derived from the root secret, opened only through the access path.
CREATE TABLE incidents (
    tenant_id              TEXT NOT NULL,
    id                     TEXT NOT NULL,
    discovered_at          TEXT NOT NULL,
    started_at             TEXT,
    ended_at               TEXT,
    nature                 TEXT NOT NULL,
    categories             TEXT NOT NULL,
    persons_min            BIGINT,
    persons_max            BIGINT,
    records                BIGINT,
    encrypted              BIGINT NOT NULL,
    risk                   TEXT,
    notify_ap              BIGINT,
    ap_notified_at         TEXT,
    ap_reference           TEXT,
    persons_notified_at    TEXT,
    persons_notified_count BIGINT,
    texts                  BYTEA NOT NULL,
    created_at             TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
