-- Up Migration
-- The token states of the registry's lifecycle (server/src/registry/lifecycle.ts): stale (not seen for
-- TOKEN_STALE_DAYS) and inactive (receipt 10: offline for 30 days) join active and disabled.
ALTER TABLE push_tokens DROP CONSTRAINT push_tokens_status_check;
ALTER TABLE push_tokens ADD CONSTRAINT push_tokens_status_check CHECK (status IN ('active', 'stale', 'inactive', 'disabled'));
ALTER TABLE push_tokens DROP CONSTRAINT push_tokens_disabled_has_reason;
ALTER TABLE push_tokens ADD CONSTRAINT push_tokens_disabled_has_reason
  CHECK ((status <> 'disabled' AND disabled_reason IS NULL AND disabled_at IS NULL)
      OR (status = 'disabled' AND disabled_reason IS NOT NULL AND disabled_at IS NOT NULL));
-- The last delivered receipt (result 0): with last_seen_at, when the token was last seen.
ALTER TABLE push_tokens ADD COLUMN last_delivered_at timestamptz;
-- Marked by an admin: `target.testDevices` sends test messages to these.
ALTER TABLE push_tokens ADD COLUMN test_device boolean NOT NULL DEFAULT false;

-- Down Migration
ALTER TABLE push_tokens DROP COLUMN test_device;
ALTER TABLE push_tokens DROP COLUMN last_delivered_at;
UPDATE push_tokens SET status = 'active' WHERE status IN ('stale', 'inactive');
ALTER TABLE push_tokens DROP CONSTRAINT push_tokens_disabled_has_reason;
ALTER TABLE push_tokens ADD CONSTRAINT push_tokens_disabled_has_reason
  CHECK ((status = 'active' AND disabled_reason IS NULL AND disabled_at IS NULL)
      OR (status = 'disabled' AND disabled_reason IS NOT NULL AND disabled_at IS NOT NULL));
ALTER TABLE push_tokens DROP CONSTRAINT push_tokens_status_check;
ALTER TABLE push_tokens ADD CONSTRAINT push_tokens_status_check CHECK (status IN ('active', 'disabled'));
