-- The newest checkpoint line the writer saw per organisation, and from which event on its
-- chain is keyed: a checkpoint log cut short or replaced by an older copy no longer holds the
-- line recorded here. Written only by the writer, after the line is on disk.
CREATE TABLE audit_anchors (
    tenant_id  TEXT PRIMARY KEY,
    keyed_from INTEGER NOT NULL,
    line       INTEGER NOT NULL,
    line_hash  BLOB NOT NULL,
    seq        INTEGER NOT NULL,
    hash       BLOB NOT NULL
);

-- Events are appended in seq order and nowhere else: `INSERT OR REPLACE` (which replaces a
-- row without firing the DELETE trigger) and an insertion between two events both fail here.
CREATE TRIGGER audit_events_next_seq BEFORE INSERT ON audit_events
WHEN NEW.seq IS NOT COALESCE((SELECT MAX(seq) FROM audit_events WHERE tenant_id = NEW.tenant_id), 0) + 1
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: seq must follow the chain tip'); END;
