-- Processor agreements (art. 28 AVG) and privacy assets (BG wonen's E13; issue 16 part 4). Who
-- processes, for which processings and categories, with which sub-processors, in which
-- countries (ISO 3166-1 alpha-2), signed when and reviewed when, are columns: the register's
-- order and reminders need them, and none of it is a client's personal data. Lists are JSON
-- arrays of ids or names. The security measures (free text) are sealed under a key derived from
-- the root secret, opened only through the access path.
CREATE TABLE processor_agreements (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    processor       TEXT NOT NULL,
    kvk             TEXT,
    processings     TEXT NOT NULL,
    categories      TEXT NOT NULL,
    subprocessors   TEXT NOT NULL,
    countries       TEXT NOT NULL,
    signed_on       TEXT NOT NULL,
    reviewed_on     TEXT,
    next_review     TEXT NOT NULL,
    ended_on        TEXT,
    texts           BLOB NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX processor_agreements_review ON processor_agreements (tenant_id, next_review);

-- Privacy assets: the systems that keep personal data, which categories each keeps, where, under
-- which processor agreement, and the role that owns it.
CREATE TABLE privacy_assets (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    name            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    categories      TEXT NOT NULL,
    country         TEXT NOT NULL,
    location        TEXT,
    agreement_id    TEXT,
    owner_role      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
