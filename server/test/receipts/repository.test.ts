import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import t from 'tap';
import receiptRepository from '../../src/receipts/repository';
import { ADMIN_KEY, startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, receiptEnv } from '../helpers/receipts';
import { tokenOf } from '../helpers/tokens';

/* What the receipts table stores of a callback (src/receipts/repository.ts), as the API and the metrics show it. */
const { app, logs } = await startTestService(t, receiptEnv());
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

const getSend = async (sendId: string) => (await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();

/** A send made directly in the table, so that its id can be chosen; `accepted` tokens are awaited. */
async function sendWithId(id: string, accepted: number): Promise<void> {
  await app.pg.query(`INSERT INTO sends (id, push_type, state, message, accepted) VALUES ($1, 0, 'completed', '{}', $2)`, [id, accepted]);
}

const storedOf = async (token: string) =>
  (
    await app.pg.query<{ send_id: string | null; bi_tag: string | null; form_id: string | null; result: number; delivered_at: Date }>(
      'SELECT send_id, bi_tag, form_id, result, delivered_at FROM receipts WHERE token = $1 ORDER BY id',
      [token]
    )
  ).rows;

/** Every count of both receipt counters, and the lines logged so far: what storing statuses adds to. */
async function counted() {
  const total = async (metric: { get(): Promise<{ values: { value: number }[] }> }) =>
    (await metric.get()).values.reduce((sum, value) => sum + value.value, 0);
  return { receipts: await total(app.metrics.receipts), orphaned: await total(app.metrics.receiptsOrphaned), logged: logs.lines.length };
}

t.test('a biTag finds its send only when it is exactly a send id, in small or capital letters', async (t) => {
  // Every group holds the first and the last of the digits and of the letters a UUID may hold (not a valid version
  // 4 UUID, so the API's GET /sends/:id would refuse it: what the statuses found is read where they are stored).
  const sendId = '09af09af-09af-09af-09af-09af09af09af';
  await sendWithId(sendId, 10);
  const groups = sendId.split('-');
  const longer = (i: number) => groups.map((group, j) => (j === i ? `${group}0` : group)).join('-');
  const lookalikes = [`x${sendId}`, `${sendId}x`, ...groups.map((_, i) => longer(i)), sendId.replace(/f/g, 'g')];
  const token = tokenOf('bitag');
  const biTags = [sendId, sendId.toUpperCase(), ...lookalikes];
  const res = await postReceipts(app, {
    statuses: biTags.map((biTag, i) => deliveryStatus(token, 'no-such-request', { biTag, result: 0, timestamp: 1_764_000_000_000 + i }))
  });
  t.equal(res.statusCode, 200, res.body);
  const stored = (await storedOf(token)).map((row) => [row.bi_tag, row.send_id]);
  t.same(stored.slice(0, 2), [[sendId, sendId], [sendId.toUpperCase(), sendId]], 'the send id, either way, found its send');
  t.same(
    stored.slice(2),
    lookalikes.map((biTag) => [biTag, null]),
    'a text that only looks like a send id is an ordinary biTag: stored as given, matching no send'
  );
});

t.test("a card's status (formStatus) is stored with its form id, and counts on its send like any other", async (t) => {
  const sendId = randomUUID();
  await sendWithId(sendId, 2);
  const token = tokenOf('card');
  const at = 1_764_000_000_000;
  const card = { ...deliveryStatus(token, 'no-such-request', { biTag: sendId, pushType: 1 }), deliveryStatus: undefined, formStatus: { formId: 42, result: 0, timestamp: at } };
  const res = await postReceipts(app, { statuses: [card] });
  t.equal(res.statusCode, 200, res.body);
  t.match(await storedOf(token), [{ send_id: sendId, form_id: '42', result: 0, delivered_at: new Date(at) }]);
  t.match((await getSend(sendId)).delivery, { delivered: 1, pending: 1, byResult: { 0: 1 } });
});

t.test('a callback that stores no status counts none and warns of none: empty, or refused as a replay', async (t) => {
  const before = await counted();
  t.equal((await postReceipts(app, { statuses: [] })).statusCode, 200);
  const nonce = randomUUID();
  t.equal((await postReceipts(app, { statuses: [deliveryStatus(tokenOf('first'), 'r')] }, { nonce })).statusCode, 200);
  t.equal((await postReceipts(app, { statuses: [deliveryStatus(tokenOf('replay'), 'r')] }, { nonce })).statusCode, 401);
  const after = await counted();
  t.equal(after.receipts - before.receipts, 1, 'only the status stored was counted');
  t.equal(after.orphaned - before.orphaned, 1, 'and only it as orphaned');
  const warnings = logs.lines.slice(before.logged).filter((line) => line.includes('receipt statuses matched no send'));
  t.equal(warnings.length, 1, 'one warning, for it');
});

t.test('registered before the database, the receipt repository refuses to start, naming it', async (t) => {
  const bare = Fastify();
  void bare.register(receiptRepository);
  await t.rejects(async () => bare.ready(), {
    code: 'FST_ERR_PLUGIN_DEPENDENCY_NOT_REGISTERED',
    message: "The dependency 'database' of plugin 'receipt-repository' is not registered"
  });
});
