-- Up Migration
-- Delivery receipts (push-api-msg-receipt): each status Push Kit posts to POST /receipts, once. A status maps to its
-- send by the requestId of the Push Kit request it answers (send_requests), or else by its biTag (the send id, unless
-- the caller set one); a status matching no send is kept with send_id NULL (orphaned), never dropped.
CREATE TABLE send_requests (
  request_id text PRIMARY KEY,
  send_id    uuid NOT NULL REFERENCES sends (id) ON DELETE CASCADE
);
CREATE INDEX send_requests_by_send ON send_requests (send_id);

-- The requestIds recorded before this table existed: immediate sends keep their batches in sends.batches,
-- broadcasts in send_batches.report.
INSERT INTO send_requests (request_id, send_id)
SELECT batch ->> 'requestId', s.id FROM sends s, jsonb_array_elements(s.batches) AS batch
 WHERE coalesce(batch ->> 'requestId', '') <> ''
ON CONFLICT DO NOTHING;
INSERT INTO send_requests (request_id, send_id)
SELECT report ->> 'requestId', send_id FROM send_batches
 WHERE coalesce(report ->> 'requestId', '') <> ''
ON CONFLICT DO NOTHING;

-- The tokens of an immediate send, in the order of its results (which show them masked): a receipt's token finds
-- its result. NULL for broadcasts, whose results are counts only.
ALTER TABLE sends ADD COLUMN tokens text[];

CREATE TABLE receipts (
  id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  send_id      uuid,
  request_id   text        NOT NULL,
  token        text        NOT NULL,
  push_type    smallint    NOT NULL,
  result       integer     NOT NULL,
  form_id      bigint,
  bi_tag       text,
  delivered_at timestamptz NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now()
);
-- The same status posted twice is stored once (tokens may be longer than a btree entry: indexed by digest).
CREATE UNIQUE INDEX receipts_once ON receipts (request_id, md5(token), result, delivered_at);
-- A send's summary counts its statuses by result; an immediate send's results look up their tokens.
CREATE INDEX receipts_by_send ON receipts (send_id, result) WHERE send_id IS NOT NULL;

-- The nonces of X-HUAWEI-CALLBACK-ID headers seen within the last 10 minutes (twice the accepted clock skew): a
-- replayed callback is refused by every process, since they share this table.
CREATE TABLE receipt_nonces (
  nonce   text        PRIMARY KEY,
  seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX receipt_nonces_by_age ON receipt_nonces (seen_at);

-- Down Migration
DROP TABLE receipt_nonces;
DROP TABLE receipts;
ALTER TABLE sends DROP COLUMN tokens;
DROP TABLE send_requests;
