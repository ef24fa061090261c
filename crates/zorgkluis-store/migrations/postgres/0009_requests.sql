-- The request register (issue 12): data subject requests with their status, requester, clock
-- and decision. What is asked (categories, the changes wanted, a requester who is no registered
-- person) and the reason of an extension are personal data, sealed with the subject's key
-- (details, extension_reason); the rest are ids, vocabulary words, dates and the reglement's own
-- words (the grounds of a decision, as JSON). Every change is an audit event whose object is
-- the request's id; the history of a request is read from those events.
CREATE TABLE requests (
    tenant_id           TEXT NOT NULL,
    id                  TEXT NOT NULL,
    person_id           TEXT NOT NULL,
    request_type        TEXT NOT NULL,
    channel             TEXT NOT NULL,
    received            TEXT NOT NULL,
    status              TEXT NOT NULL,
    -- Who files: betrokkene, ouder, voogd, curator, mentor, gemachtigde, nabestaande; a
    -- registered person if the requester is one; the ground and authorisation as checked.
    requester_kind      TEXT NOT NULL,
    requester_person    TEXT,
    requester_ground    TEXT,
    authorisation       BIGINT NOT NULL,
    -- The articles the check of who may file rests on, and what it still needs ("; ").
    requester_articles  TEXT NOT NULL,
    requester_needs     TEXT NOT NULL,
    identity_required   BIGINT NOT NULL,
    identity_on         TEXT,
    respond_by          TEXT NOT NULL,
    respond_by_articles TEXT NOT NULL,
    -- The furthest the response may be extended to; NULL where the reglement rules it out.
    extendable_to       TEXT,
    execute_by          TEXT,
    erase_by            TEXT,
    extension_told      TEXT,
    extension_reason    BYTEA,
    outcome             TEXT,
    decided_on          TEXT,
    grounds             TEXT,
    executed_on         TEXT,
    details             BYTEA NOT NULL,
    created_at          TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX requests_person ON requests (tenant_id, person_id);
CREATE INDEX requests_due ON requests (tenant_id, status, respond_by);
CREATE INDEX audit_object ON audit_events (tenant_id, object);
