-- The append-only guard checked once per INSERT statement instead of once per row (issue 11,
-- the PostgreSQL write path): the rows a statement adds (its transition table) must continue
-- each organisation's chain without a gap, from the event before them. The writer inserts a
-- batch in a few multi-row statements, so this costs one index probe per statement where the
-- row trigger planned and ran a MAX(seq) for every event (a third of the writer's time in the
-- store benchmark). The query has no parameters: PL/pgSQL plans it once per connection, and
-- the plan (a backward scan of the primary key) does not depend on the table's size, so the
-- plan kept from an empty table stays right (measured from 0 to 100,000 events). Same name,
-- so `audit verify` checks it as before.
DROP TRIGGER audit_events_next_seq ON audit_events;
DROP FUNCTION audit_events_next_seq();

CREATE FUNCTION audit_events_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1
        FROM (SELECT tenant_id, MIN(seq) AS lo, MAX(seq) AS hi, COUNT(*) AS n
              FROM appended GROUP BY tenant_id) b
        WHERE b.hi - b.lo + 1 <> b.n
           OR b.lo <> COALESCE((SELECT MAX(e.seq) FROM audit_events e
                                WHERE e.tenant_id = b.tenant_id AND e.seq < b.lo), 0) + 1
    ) THEN
        RAISE EXCEPTION 'audit_events is append-only: seq must follow the chain tip';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER audit_events_next_seq AFTER INSERT ON audit_events
    REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_next_seq();
