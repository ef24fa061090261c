-- A second factor for staff (TOTP, RFC 6238; issue 11, NEN 7513): the account's secret, sealed
-- under a key derived from the root secret (the database alone cannot make codes); the last
-- time step accepted, so that a code counts once; per session when the code was given, and a
-- secret being enrolled that the user has not yet confirmed with a code.
ALTER TABLE users ADD COLUMN totp_secret BYTEA;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;
ALTER TABLE sessions ADD COLUMN totp_pending BYTEA;
