-- Up Migration
CREATE TABLE push_tokens (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token           text        NOT NULL,
  device_type     text        NOT NULL
                  CHECK (device_type IN ('phone', 'tablet', '2in1', 'wearable', 'tv', 'car', 'default')),
  os_api_version  integer,
  app_version     text,
  user_id         text,
  status          text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  disabled_reason text,
  disabled_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT push_tokens_token_key UNIQUE (token),
  CONSTRAINT push_tokens_disabled_has_reason
    CHECK ((status = 'active' AND disabled_reason IS NULL AND disabled_at IS NULL)
        OR (status = 'disabled' AND disabled_reason IS NOT NULL AND disabled_at IS NOT NULL))
);

-- Broadcasts stream active tokens in key order; admin listings filter by status, device type and user.
CREATE INDEX push_tokens_active_by_id ON push_tokens (id) WHERE status = 'active';
CREATE INDEX push_tokens_by_device_type ON push_tokens (device_type, id);
CREATE INDEX push_tokens_by_user ON push_tokens (user_id, id) WHERE user_id IS NOT NULL;

-- Down Migration
DROP TABLE push_tokens;
