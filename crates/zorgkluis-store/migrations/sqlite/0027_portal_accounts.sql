-- Portal accounts (issue 12 part 5): a client or a representative logs in to the client
-- portal with an account the organisation issued. Such an account is a user of kind
-- 'portaal' linked to a registered person; it is never staff (its role is the product's
-- reserved `portaal`). Staff accounts are of kind 'personeel' and have no person.
ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'personeel';
ALTER TABLE users ADD COLUMN person_id TEXT;
-- One live portal account per person (a revoked one stays, disabled, so the log keeps
-- meaning one holder by one id; a new one gets a new login name).
CREATE UNIQUE INDEX users_portal_person ON users (tenant_id, person_id) WHERE person_id IS NOT NULL AND disabled_at IS NULL;
