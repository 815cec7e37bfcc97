-- Up Migration
-- Whether the user allows the app's notifications, as the device last reported it; NULL when it never said.
ALTER TABLE push_tokens ADD COLUMN notifications_enabled boolean;

-- Down Migration
ALTER TABLE push_tokens DROP COLUMN notifications_enabled;
