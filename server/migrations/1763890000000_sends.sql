-- Up Migration
CREATE TABLE sends (
  id                   uuid        PRIMARY KEY,
  push_type            smallint    NOT NULL,
  state                text        NOT NULL CHECK (state IN ('sending', 'completed')),
  -- payload and pushOptions as sent; targets are kept only as counts and masked results
  message              jsonb       NOT NULL,
  requested            integer     NOT NULL DEFAULT 0,
  accepted             integer     NOT NULL DEFAULT 0,
  failed               integer     NOT NULL DEFAULT 0,
  skipped              integer     NOT NULL DEFAULT 0,
  errors               integer     NOT NULL DEFAULT 0,
  results              jsonb       NOT NULL DEFAULT '[]',
  batches              jsonb       NOT NULL DEFAULT '[]',
  configuration_errors jsonb       NOT NULL DEFAULT '[]',
  idempotency_key      text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  completed_at         timestamptz
);

-- One send per idempotency key; keys older than the replay window are released by clearing them.
CREATE UNIQUE INDEX sends_idempotency_key ON sends (idempotency_key) WHERE idempotency_key IS NOT NULL;

-- Down Migration
DROP TABLE sends;
