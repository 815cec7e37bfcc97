-- Up Migration
-- One outcome model: a token Push Kit may or may not have taken is `unknown` (it replaces `errors`: a refused
-- request is `failed`). Warnings name fields dropped because they have no effect; a failed send says why.
-- A started batch holds a lease its worker renews: nobody else starts it while the lease lasts.
ALTER TABLE sends RENAME COLUMN errors TO unknown;
ALTER TABLE sends
  ADD COLUMN warnings       jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN failure_reason text;
ALTER TABLE send_batches RENAME COLUMN errors TO unknown;
ALTER TABLE send_batches ADD COLUMN lease_until timestamptz;

-- Down Migration
ALTER TABLE send_batches DROP COLUMN lease_until;
ALTER TABLE send_batches RENAME COLUMN unknown TO errors;
ALTER TABLE sends DROP COLUMN warnings, DROP COLUMN failure_reason;
ALTER TABLE sends RENAME COLUMN unknown TO errors;
