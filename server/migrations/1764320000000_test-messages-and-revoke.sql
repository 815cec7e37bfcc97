-- Up Migration
-- The notifyId the server gives each alert and voice broadcast whose caller set none, so every one can be revoked
-- (push-msg-revoke needs it). Push Kit takes 0..2147483647 (push-scenariozed-api-request-param, Notification.notifyId);
-- a notifyId equal to an older one replaces that notification on the device, so ids are handed out in turn and wrap
-- only after 2^31 - 1 sends.
CREATE SEQUENCE send_notify_ids AS integer MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CYCLE;
ALTER TABLE sends ADD COLUMN notify_id integer CHECK (notify_id BETWEEN 0 AND 2147483647);

-- Successful test-message requests per day, against Huawei's 1000 per project per day (push-msg-freq-control).
-- The day boundary is in server/src/pushkit/spec-choices.ts.
CREATE TABLE test_message_days (
  day      date    PRIMARY KEY,
  requests integer NOT NULL DEFAULT 0 CHECK (requests >= 0)
);

-- target.testDevices reads the few marked devices without scanning the registry.
CREATE INDEX push_tokens_test_devices ON push_tokens (id) WHERE test_device;

-- Down Migration
DROP INDEX push_tokens_test_devices;
DROP TABLE test_message_days;
ALTER TABLE sends DROP COLUMN notify_id;
DROP SEQUENCE send_notify_ids;
