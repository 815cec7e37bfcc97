-- Up Migration
-- Broadcasts with `includeStale` stream the tokens that may still be sent to (active, stale and inactive) in key
-- order, as the default ones stream the active tokens through push_tokens_active_by_id.
CREATE INDEX push_tokens_sendable_by_id ON push_tokens (id) WHERE status IN ('active', 'stale', 'inactive');

-- Retention (SEND_RETENTION_DAYS): when a completed send's per-token results and batch reports were pruned; its
-- counts stay. The partial index finds the sends whose details are still kept, oldest first.
ALTER TABLE sends ADD COLUMN details_pruned_at timestamptz;
CREATE INDEX sends_details_kept_by_completion ON sends (completed_at) WHERE details_pruned_at IS NULL AND completed_at IS NOT NULL;

-- Down Migration
DROP INDEX sends_details_kept_by_completion;
ALTER TABLE sends DROP COLUMN details_pruned_at;
DROP INDEX push_tokens_sendable_by_id;
