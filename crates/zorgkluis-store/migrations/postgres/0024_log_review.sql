-- The log review's flags (logcontrole, NEN 7513; issue 16 part 2): what the rules over the
-- audit log found to deserve a look. One row per flag, found once (`flag_key` is the rule's own
-- key: running the review again adds nothing it found before). Ids, days and numbers only; the
-- note that closes a flag is sealed under the register key and opened only through the access
-- path (`read_audit`). A flag that became an incident names it.
CREATE TABLE log_review_flags (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    flag_key    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    role        TEXT NOT NULL,
    persons     TEXT NOT NULL,
    seqs        TEXT NOT NULL,
    day         TEXT NOT NULL,
    due         TEXT,
    details     TEXT NOT NULL,
    articles    TEXT NOT NULL,
    found_at    TEXT NOT NULL,
    found_by    TEXT NOT NULL,
    closed_at   TEXT,
    closed_by   TEXT,
    note        BYTEA,
    incident_id TEXT,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, flag_key)
);
CREATE INDEX log_review_flags_open ON log_review_flags (tenant_id, closed_at);
