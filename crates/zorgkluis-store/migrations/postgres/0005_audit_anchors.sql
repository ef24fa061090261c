-- The newest checkpoint line the writer saw per organisation, and from which event on its
-- chain is keyed: a checkpoint log cut short or replaced by an older copy no longer holds the
-- line recorded here. Written only by the writer, after the line is on disk.
CREATE TABLE audit_anchors (
    tenant_id  TEXT PRIMARY KEY,
    keyed_from BIGINT NOT NULL,
    line       BIGINT NOT NULL,
    line_hash  BYTEA NOT NULL,
    seq        BIGINT NOT NULL,
    hash       BYTEA NOT NULL
);

-- Events are appended in seq order and nowhere else: an insertion between two events, or an
-- upsert over one, fails here. The writer holds the tenant's row lock, so MAX(seq) is stable.
-- Planned at every call: PL/pgSQL would otherwise keep, for the life of the writer's
-- connection, the plan it made while the table was small (a scan of the whole table, which
-- made every insert slower than the one before: 58 events/s at 150,000 in the benchmark).
CREATE FUNCTION audit_events_next_seq() RETURNS trigger LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_custom_plan AS $$
BEGIN
    IF NEW.seq IS DISTINCT FROM COALESCE(
        (SELECT MAX(seq) FROM audit_events WHERE tenant_id = NEW.tenant_id), 0) + 1 THEN
        RAISE EXCEPTION 'audit_events is append-only: seq must follow the chain tip';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_events_next_seq BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_next_seq();
