-- The do-not-contact register (Aliantus: "register niet-benaderen"; issue 14 part 4): a person
-- who asked not to be approached, for one purpose (nieuwsbrief, tevredenheidsonderzoek,
-- fondsenwerving) or for all (purpose NULL), from the day they asked, until they ask otherwise
-- (ended_at). Never overwritten. No plaintext beyond the person's id.
CREATE TABLE do_not_contact (
    tenant_id     TEXT NOT NULL,
    id            TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    purpose       TEXT,
    asked_on      TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    recorded_role TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    ended_at      TEXT,
    ended_by      TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX do_not_contact_person ON do_not_contact (tenant_id, person_id);
