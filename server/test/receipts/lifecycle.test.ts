import t from 'tap';
import { APP_KEY, startTestService } from '../helpers/service';
import { deliveryStatus, postReceipts, receiptEnv } from '../helpers/receipts';
import { tokenOf } from '../helpers/tokens';

/* What receipts do to registered tokens: the reactions of the registry's lifecycle (src/registry/lifecycle.ts). */
const { app } = await startTestService(t, receiptEnv());

async function registered(fields: Record<string, unknown> = {}): Promise<string> {
  const token = tokenOf('life');
  const res = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone', ...fields } });
  if (res.statusCode !== 201) throw new Error(`registration failed: ${res.body}`);
  return token;
}

interface TokenState {
  status: string;
  disabled_reason: string | null;
  notifications_enabled: boolean | null;
  last_delivered_at: Date | null;
  updated_at: Date;
}

async function stateOf(token: string): Promise<TokenState> {
  const { rows } = await app.pg.query<TokenState>(
    'SELECT status, disabled_reason, notifications_enabled, last_delivered_at, updated_at FROM push_tokens WHERE token = $1',
    [token]
  );
  return rows[0];
}

async function receipt(token: string, result: number, timestamp = Date.now() + 1000): Promise<void> {
  const res = await postReceipts(app, { statuses: [deliveryStatus(token, 'request-of-the-lifecycle-tests', { result, timestamp })] });
  if (res.statusCode !== 200) throw new Error(`receipt refused: ${res.body}`);
}

const setStatus = (token: string, status: string) =>
  app.pg.query(
    `UPDATE push_tokens SET status = $2, disabled_reason = CASE WHEN $2 = 'disabled' THEN 'tokenFormatError' END,
            disabled_at = CASE WHEN $2 = 'disabled' THEN now() END WHERE token = $1`,
    [token, status]
  );

t.test('2 (uninstalled) and 5 (token mismatch) disable the token with that reason', async (t) => {
  for (const [result, reason] of [[2, 'uninstalled'], [5, 'tokenMismatch']] as const) {
    const token = await registered();
    await receipt(token, result);
    t.match(await stateOf(token), { status: 'disabled', disabled_reason: reason }, `result ${result}`);
  }
});

t.test('a disabled token keeps the reason it was first disabled for', async (t) => {
  const token = await registered();
  await receipt(token, 5);
  await receipt(token, 2, Date.now() + 2000);
  t.match(await stateOf(token), { status: 'disabled', disabled_reason: 'tokenMismatch' });
});

t.test('6 (notifications off) clears notificationsEnabled; the token stays active', async (t) => {
  const token = await registered({ notificationsEnabled: true });
  await receipt(token, 6);
  t.match(await stateOf(token), { status: 'active', notifications_enabled: false, disabled_reason: null });
});

t.test('10 (inactive device) makes an active or stale token inactive, and leaves a disabled one disabled', async (t) => {
  for (const from of ['active', 'stale']) {
    const token = await registered();
    await setStatus(token, from);
    await receipt(token, 10);
    t.equal((await stateOf(token)).status, 'inactive', `from ${from}`);
  }
  const disabled = await registered();
  await setStatus(disabled, 'disabled');
  await receipt(disabled, 10);
  t.match(await stateOf(disabled), { status: 'disabled', disabled_reason: 'tokenFormatError' });
});

t.test('0 (delivered) records lastDeliveredAt and brings a stale or inactive token back to active', async (t) => {
  for (const from of ['active', 'stale', 'inactive']) {
    const token = await registered();
    await setStatus(token, from);
    const at = Date.now() + 1000;
    await receipt(token, 0, at);
    const state = await stateOf(token);
    t.equal(state.status, 'active', `from ${from}`);
    t.equal(state.last_delivered_at?.getTime(), at, `from ${from}: lastDeliveredAt`);
  }
  const disabled = await registered();
  await setStatus(disabled, 'disabled');
  await receipt(disabled, 0);
  t.equal((await stateOf(disabled)).status, 'disabled', 'a disabled token stays disabled');
});

t.test('a delivered receipt moves only lastDeliveredAt forward, and not updatedAt', async (t) => {
  const token = await registered();
  const before = await stateOf(token);
  const at = Date.now() + 5000;
  await receipt(token, 0, at);
  await receipt(token, 0, at - 3000);
  const after = await stateOf(token);
  t.equal(after.last_delivered_at?.getTime(), at, 'the later delivery is kept');
  t.same(after.updated_at, before.updated_at);
});

t.test('a receipt older than the last sighting of its token moves nothing', async (t) => {
  const token = await registered({ notificationsEnabled: true });
  const old = Date.now() - 60_000;
  for (const result of [2, 5, 6, 10]) await receipt(token, result, old);
  t.match(await stateOf(token), { status: 'active', notifications_enabled: true, disabled_reason: null }, 'older than the registration');

  const delivered = Date.now() + 10_000;
  await receipt(token, 0, delivered);
  await receipt(token, 2, delivered - 1000);
  t.equal((await stateOf(token)).status, 'active', 'older than a delivered receipt');
});

t.test('other results leave the token alone', async (t) => {
  const token = await registered({ notificationsEnabled: true });
  const before = await stateOf(token);
  for (const result of [14, 15, 27, 102, 256]) await receipt(token, result);
  t.same(await stateOf(token), before);
});

t.test('of several statuses for one token in a callback, the latest decides', async (t) => {
  const token = await registered();
  const now = Date.now();
  const res = await postReceipts(app, {
    statuses: [
      deliveryStatus(token, 'r-many', { result: 2, timestamp: now + 2000 }),
      deliveryStatus(token, 'r-many', { result: 10, timestamp: now + 1000 })
    ]
  });
  t.equal(res.statusCode, 200, res.body);
  t.match(await stateOf(token), { status: 'disabled', disabled_reason: 'uninstalled' });
});

t.test('registering the token again re-activates it', async (t) => {
  for (const result of [2, 10]) {
    const token = await registered();
    await receipt(token, result);
    const res = await app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY }, payload: { token, deviceType: 'phone' } });
    t.equal(res.statusCode, 200);
    t.match(res.json(), { status: 'active' });
    t.match(await stateOf(token), { status: 'active', disabled_reason: null }, `after ${result}`);
  }
});

t.test('a delivery followed by "notifications off" in one callback still records the delivery', async (t) => {
  const token = await registered();
  const delivered = Date.now() + 1000;
  const res = await postReceipts(app, {
    statuses: [
      deliveryStatus(token, 'request-of-the-lifecycle-tests', { result: 0, timestamp: delivered }),
      deliveryStatus(token, 'request-of-the-lifecycle-tests', { result: 6, timestamp: delivered + 500 })
    ]
  });
  t.equal(res.statusCode, 200, res.body);
  const state = await stateOf(token);
  t.equal(state.last_delivered_at?.getTime(), delivered, 'the latest delivery is recorded');
  t.equal(state.notifications_enabled, false, 'the latest status decides the rest');
});

t.test('receipts for unregistered tokens change no token', async (t) => {
  const res = await postReceipts(app, { statuses: [deliveryStatus(tokenOf('nobody'), 'r-nobody', { result: 2 })] });
  t.equal(res.statusCode, 200, res.body);
});

t.test('callbacks at once about the same tokens, in different orders, all succeed (no deadlock)', async (t) => {
  const tokens = await Promise.all(Array.from({ length: 40 }, () => registered()));
  const now = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, c) => {
      const order = c % 2 === 0 ? tokens : [...tokens].reverse();
      return postReceipts(app, {
        statuses: order.map((token, i) => deliveryStatus(token, `r-concurrent-${c}`, { result: i % 7 === 0 ? 6 : 0, timestamp: now + c * 100 + i }))
      });
    })
  );
  t.same(answers.map((res) => res.statusCode), answers.map(() => 200), answers.map((res) => res.body).join(' '));
  const { rows } = await app.pg.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM push_tokens WHERE token = ANY($1) AND last_delivered_at IS NOT NULL',
    [tokens]
  );
  t.equal(rows[0].n, tokens.length, 'every token got its delivery');
});

t.test('a send that finds tokens dead disables the active ones and says how many it disabled', async (t) => {
  const [dead, alreadyDisabled] = [await registered(), await registered()];
  await setStatus(alreadyDisabled, 'disabled');
  t.equal(await app.tokens.disable([dead, alreadyDisabled, tokenOf('never-registered')], 'tokenFormatError'), 1);
  t.match(await stateOf(dead), { status: 'disabled', disabled_reason: 'tokenFormatError' });
});
