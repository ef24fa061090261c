-- API tokens may expire (review M5): after expires_at (RFC 3339, UTC) a token stands for
-- nobody. NULL: until revoked.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
