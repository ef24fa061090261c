-- Restriction of processing (afscherming, art. 18 AVG; issue 13 part 4): data of a person (or
-- of one category) kept but held back from every use but storage and erasure, until lifted.
-- The subject is told before it is lifted (art. 18 lid 3): told_on. No personal plaintext:
-- the ground is an id of art. 18 lid 1.
CREATE TABLE restrictions (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    category    TEXT,
    ground      TEXT NOT NULL,
    request_id  TEXT,
    placed_by   TEXT NOT NULL,
    placed_at   TEXT NOT NULL,
    lifted_at   TEXT,
    lifted_by   TEXT,
    told_on     TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX restrictions_person ON restrictions (tenant_id, person_id);
