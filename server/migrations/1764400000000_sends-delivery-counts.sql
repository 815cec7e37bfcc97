-- Up Migration
-- Retention (SEND_RETENTION_DAYS) prunes a send's receipts too, once its details went. The statement that deletes
-- them adds their counts by result here, {"<result>": n}, so a crash loses none and counts none twice, and the send's
-- `delivery` (these counts plus those of the receipts still stored) reads the same before and after.
ALTER TABLE sends ADD COLUMN delivery_counts jsonb NOT NULL DEFAULT '{}';
-- Retention walks the receipts received before its cutoff.
CREATE INDEX receipts_by_age ON receipts (received_at);

-- Down Migration
-- The counts of receipts pruned so far are lost with the column.
DROP INDEX receipts_by_age;
ALTER TABLE sends DROP COLUMN delivery_counts;
