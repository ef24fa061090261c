-- Notices to recipients (AVG art. 19; issue 13 part 2): a recipient the ledger says received a
-- record is told of its correction, restriction or erasure, or it is recorded why that proved
-- impossible or would take a disproportionate effort, with the reason. Never overwritten: one
-- notice per record and recipient.
CREATE TABLE recipient_notices (
    tenant_id    TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    told_on      TEXT,
    not_told     TEXT,
    request_id   TEXT,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, record_id, recipient_id),
    FOREIGN KEY (tenant_id, recipient_id) REFERENCES recipients (tenant_id, id)
);
