import { randomUUID } from 'node:crypto';
import t from 'tap';
import { MAX_RECEIPT_STATUSES } from '@harmony-push/shared';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, RECEIPT_CREDENTIALS, receiptEnv, watchStatements } from '../helpers/receipts';
import { storedData } from '../helpers/stored-data';
import { tokenOf } from '../helpers/tokens';
import { finished, seedDevices, startBroadcast, waitFor } from '../helpers/broadcast';
import { ReceiptKeyForm, signCallbackId } from '../../src/receipts/signature';
import { ReceiptService } from '../../src/receipts/service';

const { app, emulator, pushKit, logs } = await startTestService(t, receiptEnv());
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

async function newDevice(): Promise<string> {
  const token = (await emulator.inject({ method: 'POST', url: '/emulator/devices', payload: { deviceType: 'phone' } })).json().token as string;
  const reg = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
  if (reg.statusCode !== 201) throw new Error(`registration failed: ${reg.body}`);
  return token;
}

const alert = { notification: { category: 'IM', title: 'Hello', body: 'A message for you', clickAction: { actionType: 0 } } };

/** An immediate send to `tokens` through the emulator: its id and its one Push Kit request's requestId. */
async function sendTo(tokens: string[], pushOptions: Record<string, unknown> = {}): Promise<{ sendId: string; requestId: string }> {
  const res = await app.inject({ method: 'POST', url: '/send', headers: admin, payload: { pushType: 0, payload: alert, pushOptions, target: { tokens } } });
  if (res.statusCode !== 200) throw new Error(`send failed: ${res.body}`);
  const body = res.json();
  return { sendId: body.sendId, requestId: body.batches[0].requestId };
}

const getSend = async (sendId: string) => (await app.inject({ method: 'GET', url: `/sends/${sendId}`, headers: admin })).json();

const counterValue = async (metric: { get(): Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> }, labels: Record<string, string> = {}) =>
  (await metric.get()).values
    .filter((value) => Object.entries(labels).every(([key, wanted]) => String(value.labels[key]) === wanted))
    .reduce((sum, value) => sum + value.value, 0);

t.test('a signed callback is stored, acknowledged as Huawei expects, and shows on the send', async (t) => {
  const [token] = [await newDevice()];
  const { sendId, requestId } = await sendTo([token]);
  const before = await getSend(sendId);
  t.same(before.delivery, { delivered: 0, notShown: 0, uninstalled: 0, tokenMismatch: 0, inactive: 0, throttled: 0, other: 0, pending: 1, byResult: {} });
  t.notOk(before.results[0].delivery, 'no receipt yet');

  const at = Date.now() - 1000;
  const res = await postReceipts(app, { statuses: [deliveryStatus(token, requestId, { biTag: sendId, timestamp: at })] });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { code: '0', message: 'success' });

  const after = await getSend(sendId);
  t.same(after.delivery, { delivered: 1, notShown: 0, uninstalled: 0, tokenMismatch: 0, inactive: 0, throttled: 0, other: 0, pending: 0, byResult: { 0: 1 } });
  t.same(after.results[0].delivery, { result: 0, meaning: 'delivered', at: new Date(at).toISOString() });
  t.notOk(JSON.stringify(after).includes(token), 'the token stays masked');
});

t.test('the delivery summary counts each category and every code; pending never goes below 0', async (t) => {
  const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => newDevice()));
  const { sendId, requestId } = await sendTo(tokens);
  const results = [0, 6, 2, 256, 27];
  const res = await postReceipts(app, {
    statuses: tokens.map((token, i) => deliveryStatus(token, requestId, { result: results[i] }))
  });
  t.equal(res.statusCode, 200, res.body);
  const send = await getSend(sendId);
  t.same(send.delivery, {
    delivered: 1, notShown: 1, uninstalled: 1, tokenMismatch: 0, inactive: 0, throttled: 1, other: 1, pending: 0,
    byResult: { 0: 1, 6: 1, 2: 1, 256: 1, 27: 1 }
  });
  t.same(send.results.map((result: { delivery?: { result: number } }) => result.delivery?.result), results, 'each token its own receipt, in target order');
  t.match(send.results[3].delivery.meaning, /frequency limit/);

  // The background message cached (27) is delivered later: the token's latest receipt shows, both statuses count.
  const later = await postReceipts(app, { statuses: [deliveryStatus(tokens[4], requestId, { result: 0, timestamp: Date.now() + 1000 })] });
  t.equal(later.statusCode, 200, later.body);
  const updated = await getSend(sendId);
  t.equal(updated.results[4].delivery.result, 0);
  t.match(updated.delivery, { delivered: 2, other: 1, pending: 0 });
});

t.test("a broadcast's statuses find it by each batch's requestId", async (t) => {
  const tokens = await seedDevices(app, pushKit.account, 1500);
  const sendId = await startBroadcast(app, { pushType: 6, payload: { extraData: 'x' }, pushOptions: { biTag: 'campaign' } });
  const done = await waitFor(app, sendId, finished);
  t.ok(done.batches.length >= 2, 'more than one Push Kit request');
  const statuses = done.batches.map((batch: { requestId: string }, i: number) =>
    deliveryStatus(tokens[i], batch.requestId, { pushType: 6, biTag: 'campaign', result: 27 })
  );
  const res = await postReceipts(app, { statuses });
  t.equal(res.statusCode, 200, res.body);
  const send = await getSend(sendId);
  t.match(send.delivery, { other: statuses.length, pending: done.accepted - statuses.length, byResult: { 27: statuses.length } });
});

t.test('a status finds its send by biTag when its requestId is unknown', async (t) => {
  const token = await newDevice();
  const { sendId } = await sendTo([token]);
  const res = await postReceipts(app, { statuses: [deliveryStatus(token, 'no-such-request', { biTag: sendId })] });
  t.equal(res.statusCode, 200, res.body);
  t.match((await getSend(sendId)).delivery, { delivered: 1, pending: 0 });
});

/** The warnings about statuses that matched no send, logged since line `from`: their `orphaned` counts. */
const orphanWarnings = (from: number) =>
  logs.lines
    .slice(from)
    .map((line) => JSON.parse(line) as { msg?: string; orphaned?: number; level?: number })
    .filter((line) => line.msg === 'receipt statuses matched no send')
    .map((line) => ({ orphaned: line.orphaned, warn: line.level === 40 }));

t.test('a status matching no send is stored as orphaned and counted', async (t) => {
  const orphanedBefore = await counterValue(app.metrics.receiptsOrphaned);
  const logged = logs.lines.length;
  const token = tokenOf('orphan');
  const res = await postReceipts(app, {
    statuses: [deliveryStatus(token, 'unknown-request', { biTag: 'campaign-7' }), deliveryStatus(token, 'unknown-request', { biTag: randomUUID(), result: 14 })]
  });
  t.equal(res.statusCode, 200, res.body);
  const { rows } = await app.pg.query('SELECT send_id, bi_tag, result FROM receipts WHERE token = $1 ORDER BY result', [token]);
  t.same(rows, [{ send_id: null, bi_tag: 'campaign-7', result: 0 }, { send_id: null, bi_tag: rows[1]?.bi_tag, result: 14 }]);
  t.equal((await counterValue(app.metrics.receiptsOrphaned)) - orphanedBefore, 2);
  t.same(orphanWarnings(logged), [{ orphaned: 2, warn: true }], 'one warning with the count');
  const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: admin });
  t.match(metrics.body, /harmony_push_receipts_orphaned_total \d+/);
  t.match(metrics.body, /harmony_push_receipts_total\{result="14",push_type="0"\} \d+/);
});

t.test('statuses that all find their send are not counted as orphaned, nor warned about', async (t) => {
  const token = await newDevice();
  const { requestId } = await sendTo([token]);
  const orphanedBefore = await counterValue(app.metrics.receiptsOrphaned);
  const logged = logs.lines.length;
  const res = await postReceipts(app, { statuses: [deliveryStatus(token, requestId)] });
  t.equal(res.statusCode, 200, res.body);
  t.equal(await counterValue(app.metrics.receiptsOrphaned), orphanedBefore);
  t.same(orphanWarnings(logged), []);
});

t.test('undocumented results and push-types are counted as "other", documented ones by their code', async (t) => {
  const token = tokenOf('undocumented');
  const res = await postReceipts(app, {
    statuses: [
      deliveryStatus(token, 'r', { result: 987_654 }),
      deliveryStatus(token, 'r', { result: 987_655, pushType: 31_000 }),
      deliveryStatus(token, 'r', { result: 987_656, pushType: 31_001 }),
      deliveryStatus(token, 'r', { result: 2, pushType: 31_002 })
    ]
  });
  t.equal(res.statusCode, 200, res.body);
  const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: admin })).body;
  t.match(metrics, /^harmony_push_receipts_total\{result="other",push_type="0"\} 1$/m, 'an undocumented result');
  t.match(metrics, /^harmony_push_receipts_total\{result="other",push_type="other"\} 2$/m, 'both undocumented, counted together');
  t.match(metrics, /^harmony_push_receipts_total\{result="2",push_type="other"\} 1$/m, 'an undocumented push-type');
  t.notMatch(metrics, /result="98765\d"|push_type="3100\d"/, 'no label of what the caller posted');
});

t.test('a timestamp exactly 5 minutes away is accepted, a millisecond more is refused, either way', async (t) => {
  const NOW = 1_764_000_000_000;
  // Built as the receipts plugin builds it, on a clock that stands still (the routes run on the real one).
  const config = { credentials: RECEIPT_CREDENTIALS, unsigned: false };
  const service = new ReceiptService(app.receipts, app.tokens, app.metrics, app.log, config, () => NOW);
  const FIVE_MINUTES = 5 * 60_000;
  for (const skew of [FIVE_MINUTES, -FIVE_MINUTES]) {
    const nonce = randomUUID();
    t.same(service.authenticate(signCallbackId(RECEIPT_CREDENTIALS, NOW + skew, nonce)), { nonce }, `${skew} ms`);
  }
  const skewed = { statusCode: 401, message: 'x-huawei-callback-id timestamp is more than 5 minutes away' };
  for (const skew of [FIVE_MINUTES + 1, -FIVE_MINUTES - 1]) {
    t.throws(() => service.authenticate(signCallbackId(RECEIPT_CREDENTIALS, NOW + skew, randomUUID())), skewed, `${skew} ms`);
  }
});

t.test('the same status twice changes nothing', async (t) => {
  const token = await newDevice();
  const { sendId, requestId } = await sendTo([token]);
  const status = deliveryStatus(token, requestId, { result: 6 });
  const first = await postReceipts(app, { statuses: [status, status] });
  t.equal(first.statusCode, 200, first.body);
  const counted = await counterValue(app.metrics.receipts, { result: '6' });
  const stored = await storedData(app);
  const again = await postReceipts(app, { statuses: [status] });
  t.equal(again.statusCode, 200, again.body);
  const afterAgain = await storedData(app);
  t.same(afterAgain.receipts, stored.receipts, 'no receipt added');
  t.same(afterAgain.push_tokens, stored.push_tokens, 'no token changed');
  t.equal(await counterValue(app.metrics.receipts, { result: '6' }), counted, 'not counted again');
  t.match((await getSend(sendId)).delivery, { notShown: 1, byResult: { 6: 1 } });
});

t.test('callbacks arriving together are stored together, each answered for itself', async (t) => {
  const tokens = await Promise.all(Array.from({ length: 12 }, () => newDevice()));
  const { sendId, requestId } = await sendTo(tokens);
  const usedNonce = randomUUID();
  t.equal((await postReceipts(app, { statuses: [] }, { nonce: usedNonce })).statusCode, 200, 'a nonce seen before');
  const twiceNonce = randomUUID();
  // Callback i carries tokens[i]'s status; 10 and 11 share a nonce, 9 replays one seen before.
  const nonces = tokens.map((_, i) => (i === 9 ? usedNonce : i >= 10 ? twiceNonce : randomUUID()));
  const batches = watchStatements(t, app);

  const answers = await Promise.all(
    tokens.map((token, i) => postReceipts(app, { statuses: [deliveryStatus(token, requestId, { result: i < 3 ? 2 : 0 })] }, { nonce: nonces[i] }))
  );
  const codes = answers.map((answer) => answer.statusCode);
  t.same(codes.slice(0, 9), Array(9).fill(200), 'every callback with a new nonce is stored');
  t.equal(codes[9], 401, 'a replayed nonce is refused');
  t.same([...codes.slice(10)].sort(), [200, 401], 'of two callbacks with one nonce, one is stored');
  t.ok(Math.max(...batches) > 1, `some callbacks shared a statement (statements of ${batches.join(', ')})`);

  const stored = await app.pg.query<{ token: string }>('SELECT token FROM receipts WHERE send_id = $1', [sendId]);
  const storedTokens = new Set(stored.rows.map((row) => row.token));
  t.same(tokens.map((token) => storedTokens.has(token)), codes.map((code) => code === 200), 'exactly the accepted callbacks are stored');
  t.match((await getSend(sendId)).delivery, { uninstalled: 3, delivered: 7, pending: 2 });
  const disabled = await app.pg.query<{ token: string }>(`SELECT token FROM push_tokens WHERE status = 'disabled' AND token = ANY($1)`, [tokens]);
  t.same(new Set(disabled.rows.map((row) => row.token)), new Set(tokens.slice(0, 3)), 'the registry reacted to the stored statuses only');
});

t.test('a callback signed with either form of the secret is accepted', async (t) => {
  for (const form of [ReceiptKeyForm.BASE64_DECODED, ReceiptKeyForm.UTF8]) {
    const res = await postReceipts(app, { statuses: [deliveryStatus(tokenOf(form), 'r')] }, { form });
    t.equal(res.statusCode, 200, `${form}: ${res.body}`);
  }
});

t.test('an empty callback is acknowledged and stores no status', async (t) => {
  const res = await postReceipts(app, { statuses: [] });
  t.equal(res.statusCode, 200, res.body);
});

t.test('every refused callback is a 401 or 400 in the error format, and nothing is stored', async (t) => {
  const token = await newDevice();
  const { requestId } = await sendTo([token]);
  const good = { statuses: [deliveryStatus(token, requestId, { result: 2 })] };
  const nonce = randomUUID();
  const replayed = await postReceipts(app, { statuses: [deliveryStatus(tokenOf('first'), 'r')] }, { nonce });
  t.equal(replayed.statusCode, 200, 'the first use of the nonce');

  const FIVE_MINUTES = 5 * 60_000;
  // Options are made when their case runs: a timestamp 5 s past the bound must still be past it then.
  const cases: [string, number, unknown, () => Parameters<typeof postReceipts>[2]][] = [
    ['no header', 401, good, () => ({ header: null })],
    ['an empty header', 401, good, () => ({ header: '' })],
    ['a malformed header', 401, good, () => ({ header: 'timestamp=1;value=abc' })],
    ['a forged signature', 401, good, () => ({ credentials: { ...RECEIPT_CREDENTIALS, secret: Buffer.from('someone else').toString('base64') } })],
    ['another user name', 401, good, () => ({ credentials: { ...RECEIPT_CREDENTIALS, userName: 'intruder' } })],
    ['a timestamp over 5 minutes old', 401, good, () => ({ timestamp: Date.now() - FIVE_MINUTES - 5000 })],
    ['a timestamp over 5 minutes ahead', 401, good, () => ({ timestamp: Date.now() + FIVE_MINUTES + 5000 })],
    ['a replayed nonce', 401, good, () => ({ nonce })],
    ['more than 100 statuses', 400, { statuses: Array.from({ length: MAX_RECEIPT_STATUSES + 1 }, () => good.statuses[0]) }, () => ({})],
    ['both deliveryStatus and formStatus', 400, { statuses: [{ ...good.statuses[0], formStatus: { formId: 1, result: 0, timestamp: Date.now() } }] }, () => ({})],
    ['neither deliveryStatus nor formStatus', 400, { statuses: [{ ...good.statuses[0], deliveryStatus: undefined }] }, () => ({})],
    ['a status without a token', 400, { statuses: [{ ...good.statuses[0], token: undefined }] }, () => ({})],
    ['a result that is not a number', 400, { statuses: [{ ...good.statuses[0], deliveryStatus: { result: 'two', timestamp: 1 } }] }, () => ({})],
    ['a good status next to a broken one', 400, { statuses: [good.statuses[0], { requestId }] }, () => ({})],
    ['no statuses', 400, {}, () => ({})],
    ['not JSON', 400, '{"statuses": [', () => ({})]
  ];
  // What a 401 tells whoever configures the callback in AppGallery Connect.
  const header = 'x-huawei-callback-id';
  const shape = `${header} must be timestamp=<ms>;nonce=<nonce>;value=<signature>`;
  const forged = `${header} signature does not match`;
  const skewed = `${header} timestamp is more than 5 minutes away`;
  const messages: Record<string, string> = {
    'no header': `${header} is required`,
    'an empty header': shape,
    'a malformed header': shape,
    'a forged signature': forged,
    'another user name': forged,
    'a timestamp over 5 minutes old': skewed,
    'a timestamp over 5 minutes ahead': skewed,
    'a replayed nonce': `${header} nonce was seen before`
  };
  for (const [name, status, body, options] of cases) {
    const before = await storedData(app);
    const res = await postReceipts(app, body, options());
    t.equal(res.statusCode, status, `${name}: ${res.body}`);
    t.match(res.json(), { error: String, message: String }, `${name}: the error format`);
    if (status === 401) t.equal(res.json().message, messages[name], `${name}: says why`);
    t.same(await storedData(app), before, `${name}: nothing stored`);
  }
  const { rows } = await app.pg.query('SELECT status FROM push_tokens WHERE token = $1', [token]);
  t.equal(rows[0].status, 'active', 'no refused receipt disabled the token');
});

t.test('the OpenAPI document describes POST /receipts: its signature, its body and every answer', async (t) => {
  const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const route = doc.paths['/receipts'].post;
  t.same(route.tags, ['receipts']);
  t.match(route.summary, /^Delivery receipts from Push Kit/);
  t.match(
    route.description,
    /X-HUAWEI-CALLBACK-ID.*PUSHKIT_RECEIPT_USERNAME.*PUSHKIT_RECEIPT_SECRET.*5 minutes.*nonce seen before.*signature.*401.*404.*PUSHKIT_RECEIPTS_UNSIGNED=true.*200/s,
    'who signs, the three checks and every answer'
  );
  t.same(Object.keys(route.responses).sort(), ['200', '400', '401', '404', '413', '503']);
  t.same(Object.keys(route.responses['200'].content['application/json'].schema.properties).sort(), ['code', 'message']);
  t.ok(route.requestBody.content['application/json'].schema.properties.statuses, 'the statuses posted');
  const header = route.parameters.find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'x-huawei-callback-id');
  t.match(header, { required: false, description: 'timestamp=<ms>;nonce=<uuid>;value=<signature>' }, 'the signature header');
});

t.test('nonces older than their memory are pruned', async (t) => {
  const nonce = randomUUID();
  t.equal((await postReceipts(app, { statuses: [] }, { nonce })).statusCode, 200);
  await app.pg.query(`UPDATE receipt_nonces SET seen_at = now() - interval '11 minutes' WHERE nonce = $1`, [nonce]);
  t.ok((await app.receipts.pruneNonces()) >= 1);
  const { rows } = await app.pg.query('SELECT 1 FROM receipt_nonces WHERE nonce = $1', [nonce]);
  t.equal(rows.length, 0);
});
