-- Up Migration
-- Broadcasts run as jobs: a send is planned into batches of at most 1000 tokens, each batch a
-- pg-boss job whose outcome is recorded here, so a restarted worker never sends a recorded batch again.
ALTER TABLE sends DROP CONSTRAINT sends_state_check;
ALTER TABLE sends ADD CONSTRAINT sends_state_check
  CHECK (state IN ('queued', 'sending', 'completed', 'cancelled', 'failed'));
ALTER TABLE sends
  ADD COLUMN target          jsonb,
  ADD COLUMN planned_through bigint  NOT NULL DEFAULT 0,
  ADD COLUMN planning_done   boolean NOT NULL DEFAULT false,
  ADD COLUMN batches_total   integer NOT NULL DEFAULT 0,
  ADD COLUMN batches_done    integer NOT NULL DEFAULT 0;

CREATE TABLE send_batches (
  send_id     uuid        NOT NULL REFERENCES sends (id) ON DELETE CASCADE,
  seq         integer     NOT NULL,
  -- registry batches: the active tokens with after_id < id <= last_id; explicit batches: the tokens themselves
  after_id    bigint,
  last_id     bigint,
  tokens      text[],
  state       text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'started', 'done', 'cancelled')),
  starts      integer     NOT NULL DEFAULT 0,
  requested   integer     NOT NULL DEFAULT 0,
  accepted    integer     NOT NULL DEFAULT 0,
  failed      integer     NOT NULL DEFAULT 0,
  skipped     integer     NOT NULL DEFAULT 0,
  errors      integer     NOT NULL DEFAULT 0,
  report      jsonb,
  started_at  timestamptz,
  done_at     timestamptz,
  PRIMARY KEY (send_id, seq),
  CHECK ((tokens IS NULL) = (after_id IS NOT NULL AND last_id IS NOT NULL))
);

-- Down Migration
DROP TABLE send_batches;
ALTER TABLE sends
  DROP COLUMN target, DROP COLUMN planned_through, DROP COLUMN planning_done,
  DROP COLUMN batches_total, DROP COLUMN batches_done;
ALTER TABLE sends DROP CONSTRAINT sends_state_check;
ALTER TABLE sends ADD CONSTRAINT sends_state_check CHECK (state IN ('sending', 'completed'));
