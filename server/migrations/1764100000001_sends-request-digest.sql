-- Up Migration
-- The SHA-256 of the request an Idempotency-Key was first used with: the same key with another request is refused.
-- NULL for sends recorded before this column existed.
ALTER TABLE sends ADD COLUMN request_digest text;

-- Down Migration
ALTER TABLE sends DROP COLUMN request_digest;
