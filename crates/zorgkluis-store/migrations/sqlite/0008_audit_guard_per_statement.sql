-- On PostgreSQL the append-only guard of audit_events is now checked per statement. SQLite has
-- no statement triggers, and its row trigger (migration 5) costs little there: nothing changes.
SELECT 1;
