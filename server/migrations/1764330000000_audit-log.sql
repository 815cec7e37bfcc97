-- Up Migration
-- Every admin action (server/src/audit): when, which admin key (the first 8 hex digits of its SHA-256, never the
-- key), what was done and to what (a send id, a masked token, an export's filter).
CREATE TABLE audit_log (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  action       text        NOT NULL
               CHECK (action IN ('send', 'cancel', 'revoke', 'testDeviceAdd', 'testDeviceRemove', 'export')),
  admin_key_id text        NOT NULL,
  subject      text        NOT NULL
);

-- Down Migration
DROP TABLE audit_log;
