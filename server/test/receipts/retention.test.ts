import { randomUUID } from 'node:crypto';
import t from 'tap';
import type { ReceiptStatus } from '@harmony-push/shared';
import { ReceiptRepository } from '../../src/receipts/repository';
import { SendRepository } from '../../src/sending/send-repository';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, receiptEnv } from '../helpers/receipts';
import { age, seedDevices } from '../helpers/broadcast';

const DAY_MS = 24 * 60 * 60 * 1000;
const RETENTION_DAYS = 7;
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const background = { pushType: 6, payload: { extraData: 'sync' } };

// No send workers: no scheduled maintenance runs with the real clock under these tests.
const { app, pushKit } = await startTestService(t, { ...receiptEnv(), SEND_WORKERS: '0', SEND_RETENTION_DAYS: String(RETENTION_DAYS) });
const receipts = new ReceiptRepository(app.backgroundPool);
const sends = new SendRepository(app.backgroundPool);
const cutoff = () => new Date(Date.now() - RETENTION_DAYS * DAY_MS);

const getSend = async (sendId: string) => (await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();
const listed = async (sendId: string) =>
  (await app.inject({ method: 'GET', url: '/sends?limit=500', headers: admin })).json().items.find((item: { sendId: string }) => item.sendId === sendId);
const funnel = async () => (await app.inject({ method: 'GET', url: '/overview', headers: admin })).json().funnel;
const stored = async (sendId: string | null) =>
  (await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM receipts WHERE send_id IS NOT DISTINCT FROM $1', [sendId])).rows[0].n;

async function receive(statuses: ReceiptStatus[]): Promise<void> {
  const res = await postReceipts(app, { statuses });
  if (res.statusCode !== 200) throw new Error(`receipts refused: ${res.body}`);
}

/**
 * An immediate send to one new device per entry of `results`, each receiving those statuses in order (27 "cached"
 * then 0 "delivered", say).
 */
async function sendWithStatuses(results: number[][]) {
  const tokens = await seedDevices(app, pushKit.account, results.length);
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { ...background, target: { tokens } } });
  if (res.statusCode !== 200) throw new Error(`send failed: ${res.body}`);
  const { sendId, batches } = res.json();
  const requestId: string = batches[0].requestId;
  const at = Date.now() - 1000;
  await receive(results.flatMap((codes, i) => codes.map((result, j) => deliveryStatus(tokens[i], requestId, { pushType: 6, result, timestamp: at + j }))));
  return { sendId, tokens };
}

/** The same, sent and received RETENTION_DAYS + 3 days ago. */
async function oldSendWithStatuses(results: number[][]) {
  const send = await sendWithStatuses(results);
  await age(app, send.sendId, RETENTION_DAYS + 3);
  return send;
}

t.test("a send's statuses go SEND_RETENTION_DAYS after they came, with its details; its delivery reads the same", async (t) => {
  const old = await oldSendWithStatuses([[0], [6], [27, 0], [], []]);
  const recent = await sendWithStatuses([[0], []]);
  const before = {
    old: await getSend(old.sendId),
    recent: await getSend(recent.sendId),
    oldListed: await listed(old.sendId),
    recentListed: await listed(recent.sendId),
    funnel: await funnel()
  };
  t.match(before.old.delivery, { delivered: 2, notShown: 1, pending: 1, byResult: { 0: 2, 6: 1, 27: 1 } });
  t.equal(before.old.results.filter((result: { delivery?: unknown }) => result.delivery).length, 3, 'three tokens have a receipt');

  const report = await app.maintenance.run(new Date());
  t.equal(report.retention.sendDetails, 1, "the old send's details went");
  t.equal(report.retention.receipts, 4, 'and its statuses');
  t.equal(await stored(old.sendId), 0);
  t.equal(await stored(recent.sendId), 1, "the recent send's status stays");

  const after = await getSend(old.sendId);
  t.same(after.delivery, before.old.delivery, 'delivery: the same counts, pending still accepted minus received');
  t.same(after.results, [], 'no per-token results, so no per-token receipts either');
  t.ok(after.detailsPrunedAt, 'the answer says why');
  t.same(await getSend(recent.sendId), before.recent, 'the recent send is untouched');
  t.same((await listed(old.sendId)).delivery, before.oldListed.delivery, 'the history shows the same');
  t.same((await listed(recent.sendId)).delivery, before.recentListed.delivery);
  t.same(await funnel(), before.funnel, 'so does the funnel by day');

  const again = await app.maintenance.run(new Date());
  t.equal(again.retention.receipts, 0, 'nothing left to prune');
  t.same((await getSend(old.sendId)).delivery, before.old.delivery, 'a second run counts nothing twice');
});

t.test('a status that comes after its send was pruned counts too, and is folded in its turn', async (t) => {
  const old = await oldSendWithStatuses([[0], [6], []]);
  await app.maintenance.run(new Date());
  t.equal(await stored(old.sendId), 0);
  // Its requestIds went with its details: the late status finds it by its biTag, the send id.
  await receive([deliveryStatus(old.tokens[2], 'no-longer-known', { pushType: 6, result: 0, biTag: old.sendId })]);
  const late = (await getSend(old.sendId)).delivery;
  t.match(late, { delivered: 2, notShown: 1, pending: 0, byResult: { 0: 2, 6: 1 } }, 'stored and folded statuses add up');

  await age(app, old.sendId, RETENTION_DAYS + 1);
  t.equal((await app.maintenance.run(new Date())).retention.receipts, 1);
  t.equal(await stored(old.sendId), 0);
  t.same((await getSend(old.sendId)).delivery, late, 'added to the counts folded before');
});

t.test('a send whose details are kept keeps its statuses, however old', async (t) => {
  const id = randomUUID();
  await app.pg.query(
    `INSERT INTO sends (id, push_type, state, message, accepted, created_at) VALUES ($1, 6, 'sending', '{}', 2, now() - interval '400 days')`,
    [id]
  );
  await app.pg.query(
    `INSERT INTO receipts (send_id, request_id, token, push_type, result, delivered_at, received_at)
     VALUES ($1, 'r', md5(random()::text), 6, 0, now(), now() - interval '400 days')`,
    [id]
  );
  await app.maintenance.run(new Date());
  t.equal(await stored(id), 1, 'a running send is never pruned, nor are its statuses');
  t.match((await getSend(id)).delivery, { delivered: 1, pending: 1 });
});

t.test('orphaned statuses go SEND_RETENTION_DAYS after they came; the metrics counted them already', async (t) => {
  const insert = (daysAgo: number) =>
    app.pg.query(
      `INSERT INTO receipts (send_id, request_id, token, push_type, result, delivered_at, received_at)
       VALUES (NULL, 'r', md5(random()::text), 6, 0, now(), now() - make_interval(days => $1))`,
      [daysAgo]
    );
  await insert(RETENTION_DAYS + 1);
  await insert(RETENTION_DAYS - 1);
  const report = await app.maintenance.run(new Date());
  t.equal(report.retention.receipts, 1);
  t.equal(await stored(null), 1, 'the newer orphan stays');
});

t.test('stopped between chunks, or pruned by two runs at once, the counts stay exact', async (t) => {
  const { sendId } = await oldSendWithStatuses([[0], [0], [6], [27, 0], [2], [10]]);
  const was = (await getSend(sendId)).delivery;
  t.equal(await sends.pruneDetails(cutoff(), 100), 1);

  let chunks = 0;
  t.equal(await receipts.prune(cutoff(), 1, () => chunks++ < 2), 2, 'two chunks of one, then asked to stop');
  t.equal(await stored(sendId), 5);
  t.same((await getSend(sendId)).delivery, was, 'part stored, part folded: the same');

  const [first, second] = await Promise.all([receipts.prune(cutoff(), 1), receipts.prune(cutoff(), 1)]);
  t.equal(first + second, 5, 'each status pruned once');
  t.equal(await stored(sendId), 0);
  t.same((await getSend(sendId)).delivery, was, 'and counted once');
});

t.test('a chunk that fails deletes no status and counts none', async (t) => {
  const { sendId } = await oldSendWithStatuses([[0], [6], [0]]);
  const was = (await getSend(sendId)).delivery;
  t.equal(await sends.pruneDetails(cutoff(), 100), 1);

  // The fold into the send fails, after the statuses were deleted in the same statement.
  await app.pg.query(`ALTER TABLE sends ADD CONSTRAINT no_folding CHECK (delivery_counts = '{}') NOT VALID`);
  try {
    await t.rejects(receipts.prune(cutoff(), 100), /no_folding/);
  } finally {
    await app.pg.query('ALTER TABLE sends DROP CONSTRAINT no_folding');
  }
  t.equal(await stored(sendId), 3, 'every status is still stored');
  t.same((await getSend(sendId)).delivery, was);

  t.equal(await receipts.prune(cutoff(), 100), 3, 'the next run prunes them');
  t.same((await getSend(sendId)).delivery, was);
});
