import t from 'tap';
import { ADMIN_KEY, APP_KEY, startTestService } from '../helpers/service';
import { tokenOf } from '../helpers/tokens';

const { app } = await startTestService(t);

const register = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/tokens', headers: { 'x-app-key': APP_KEY, ...headers }, payload: body });

const row = async (token: string) =>
  (await app.pg.query('SELECT * FROM push_tokens WHERE token = $1', [token])).rows[0];

t.test('a new token is created (201), a known one refreshed (200)', async (t) => {
  const token = tokenOf('new');
  const first = await register({ token, deviceType: 'phone', osApiVersion: 12, appVersion: '1.0.0' });
  t.equal(first.statusCode, 201);
  const body = first.json();
  t.match(body, { deviceType: 'phone', osApiVersion: 12, appVersion: '1.0.0', status: 'active' });
  t.not(body.token, token, 'the answer never carries the full token');
  const before = await row(token);

  const second = await register({ token, deviceType: 'phone' });
  t.equal(second.statusCode, 200);
  const after = await row(token);
  t.ok(after.last_seen_at > before.last_seen_at, 'last seen moves forward');
  t.equal(after.os_api_version, 12, 'fields the refresh omits are kept');
  t.same(after.updated_at, before.updated_at, 'nothing changed, so updated_at stays');

  const third = await register({ token, deviceType: 'phone', appVersion: '1.1.0' });
  t.equal(third.statusCode, 200);
  t.ok((await row(token)).updated_at > before.updated_at, 'a changed app version moves updated_at');
});

t.test('tokens are trimmed and may be 1 to 4096 printable ASCII characters', async (t) => {
  const token = tokenOf('trim');
  t.equal((await register({ token: `  ${token}\n`, deviceType: 'tablet' })).statusCode, 201);
  t.ok(await row(token), 'stored without the whitespace');

  t.equal((await register({ token: 'x', deviceType: 'tv' })).statusCode, 201, 'one character');
  t.equal((await register({ token: 'a'.repeat(4096), deviceType: 'tv' })).statusCode, 201, '4096 characters');
  for (const bad of ['', '   ', 'a'.repeat(4097), 'tökén-with-unicode', 'tab\tinside']) {
    const res = await register({ token: bad, deviceType: 'tv' });
    t.equal(res.statusCode, 400, `rejected: ${JSON.stringify(bad.slice(0, 20))}`);
    t.equal(res.json().details[0].path, 'body.token');
  }
});

t.test('a disabled token is re-activated when the device registers it again', async (t) => {
  const token = tokenOf('revive');
  await register({ token, deviceType: 'phone' });
  await app.pg.query(
    `UPDATE push_tokens SET status = 'disabled', disabled_reason = 'tokenFormatError', disabled_at = now() WHERE token = $1`,
    [token]
  );
  const res = await register({ token, deviceType: 'phone' });
  t.equal(res.statusCode, 200);
  t.equal(res.json().status, 'active');
  t.match(await row(token), { status: 'active', disabled_reason: null, disabled_at: null });
});

t.test('previousToken replaces an unbound old record', async (t) => {
  const old = tokenOf('old');
  const fresh = tokenOf('fresh');
  await register({ token: old, deviceType: 'phone' });

  const res = await register({ token: fresh, deviceType: 'phone', previousToken: old });
  t.equal(res.statusCode, 201);
  t.equal(await row(old), undefined, 'the old token is gone');
  t.equal((await row(fresh)).user_id, null);

  const unknownPrevious = await register({ token: tokenOf('orphan'), deviceType: 'phone', previousToken: tokenOf('never') });
  t.equal(unknownPrevious.statusCode, 201, 'an unknown previous token is not an error');
});

t.test('notificationsEnabled is stored, kept on refreshes that omit it, filtered and counted', async (t) => {
  const on = tokenOf('notif-on');
  const off = tokenOf('notif-off');
  const unknown = tokenOf('notif-unknown');
  const first = await register({ token: on, deviceType: 'phone', notificationsEnabled: true });
  t.equal(first.statusCode, 201);
  t.equal(first.json().notificationsEnabled, true, 'the answer shows it');
  await register({ token: off, deviceType: 'phone', notificationsEnabled: false });
  await register({ token: unknown, deviceType: 'phone' });
  t.equal((await row(on)).notifications_enabled, true);
  t.equal((await row(off)).notifications_enabled, false);
  t.equal((await row(unknown)).notifications_enabled, null, 'an older client that does not say');

  const before = await row(on);
  t.equal((await register({ token: on, deviceType: 'phone' })).statusCode, 200);
  t.equal((await row(on)).notifications_enabled, true, 'a refresh that omits it keeps it');
  t.same((await row(on)).updated_at, before.updated_at, 'and changes nothing');
  await register({ token: on, deviceType: 'phone', notificationsEnabled: false });
  t.equal((await row(on)).notifications_enabled, false, 'a changed setting is stored');
  t.ok((await row(on)).updated_at > before.updated_at, 'and moves updated_at');
  await register({ token: on, deviceType: 'phone', notificationsEnabled: true });

  const list = async (query: string) =>
    (await app.inject({ method: 'GET', url: `/tokens?${query}&limit=500`, headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json();
  const enabled = (await list('notificationsEnabled=true')).items.map((item: { id: string }) => item.id);
  const disabled = (await list('notificationsEnabled=false')).items.map((item: { id: string }) => item.id);
  t.ok(enabled.includes(first.json().id));
  t.ok(disabled.includes((await row(off)).id));
  t.notOk(disabled.includes(first.json().id));
  t.notOk([...enabled, ...disabled].includes((await row(unknown)).id), 'unknown is neither');

  const bad = await app.inject({ method: 'GET', url: '/tokens?notificationsEnabled=yes', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  t.equal(bad.statusCode, 400);
  t.same(bad.json().details.map((detail: { path: string }) => detail.path), ['querystring.notificationsEnabled']);
  const badBody = await register({ token: tokenOf('notif-bad'), deviceType: 'phone', notificationsEnabled: 'yes' });
  t.equal(badBody.statusCode, 400);

  const { rows } = await app.pg.query<{ n: number; enabled: boolean | null }>(
    `SELECT notifications_enabled AS enabled, count(*)::int AS n FROM push_tokens WHERE status = 'active' GROUP BY 1`
  );
  const expected = (enabled: boolean | null) => rows.find((row) => row.enabled === enabled)?.n ?? 0;
  const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${ADMIN_KEY}` } })).body;
  for (const [label, value] of [['true', true], ['false', false], ['unknown', null]] as const) {
    t.match(metrics, `harmony_push_registry_active_tokens{notifications_enabled="${label}"} ${expected(value)}\n`, label);
  }
  t.ok(expected(true) >= 1 && expected(false) >= 1 && expected(null) >= 1);
});

t.test('50 concurrent registrations of one token leave exactly one row', async (t) => {
  const token = tokenOf('race');
  const answers = await Promise.all(Array.from({ length: 50 }, () => register({ token, deviceType: 'phone' })));
  const codes = answers.map((res) => res.statusCode);
  t.equal(codes.filter((code) => code === 201).length, 1, 'one creation');
  t.equal(codes.filter((code) => code === 200).length, 49, 'the others refresh');
  const count = await app.pg.query('SELECT count(*)::int AS n FROM push_tokens WHERE token = $1', [token]);
  t.equal(count.rows[0].n, 1);
});

t.test('DELETE /tokens/:token removes the record and is idempotent', async (t) => {
  const token = `${tokenOf('delete')}/with+slash=`;
  await register({ token, deviceType: 'wearable' });
  const url = `/tokens/${encodeURIComponent(token)}`;
  const first = await app.inject({ method: 'DELETE', url, headers: { 'x-app-key': APP_KEY } });
  t.equal(first.statusCode, 204);
  t.equal(first.body, '');
  t.equal(await row(token), undefined);
  const again = await app.inject({ method: 'DELETE', url, headers: { 'x-app-key': APP_KEY } });
  t.equal(again.statusCode, 204, 'deleting an unknown token is still 204');
});

t.test('a 4096-character token can be deleted through its path', async (t) => {
  const token = `L${'0123456789abcdef'.repeat(256)}`.slice(0, 4096);
  await register({ token, deviceType: 'phone' });
  const res = await app.inject({
    method: 'DELETE',
    url: `/tokens/${encodeURIComponent(token)}`,
    headers: { 'x-app-key': APP_KEY }
  });
  t.equal(res.statusCode, 204);
  t.equal(await row(token), undefined);
});

t.test('validation names every failing field', async (t) => {
  const res = await register({ token: 42, deviceType: 'fridge', osApiVersion: 'twelve', appVersion: '', previousToken: '' });
  t.equal(res.statusCode, 400);
  const body = res.json();
  t.equal(body.error, 'VALIDATION_FAILED');
  t.same(
    [...new Set(body.details.map((detail: { path: string }) => detail.path))].sort(),
    ['body.appVersion', 'body.deviceType', 'body.osApiVersion', 'body.previousToken', 'body.token']
  );
  for (const detail of body.details) t.type(detail.message, 'string');

  const cases: [Record<string, unknown>, string][] = [
    [{ deviceType: 'phone' }, 'body.token'],
    [{ token: tokenOf('v') }, 'body.deviceType'],
    [{ token: tokenOf('v'), deviceType: 'phone', osApiVersion: 12.5 }, 'body.osApiVersion'],
    [{ token: tokenOf('v'), deviceType: 'phone', osApiVersion: 0 }, 'body.osApiVersion'],
    [{ token: tokenOf('v'), deviceType: 'phone', appVersion: 'x'.repeat(65) }, 'body.appVersion'],
    [{ token: tokenOf('v'), deviceType: 'phone', previousToken: 'ü' }, 'body.previousToken']
  ];
  for (const [payload, path] of cases) {
    const answer = await register(payload);
    t.equal(answer.statusCode, 400, path);
    t.same(answer.json().details.map((detail: { path: string }) => detail.path), [path]);
  }
});

t.test('malformed and unsupported bodies are 4xx, never 500', async (t) => {
  const notJson = await app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': APP_KEY, 'content-type': 'application/json' },
    payload: '{"token": "abc", '
  });
  t.equal(notJson.statusCode, 400);
  t.equal(notJson.json().error, 'VALIDATION_FAILED');

  const text = await app.inject({
    method: 'POST',
    url: '/tokens',
    headers: { 'x-app-key': APP_KEY, 'content-type': 'text/plain' },
    payload: 'token'
  });
  t.equal(text.statusCode, 415);
  t.equal(text.json().error, 'UNSUPPORTED_MEDIA_TYPE');

  const arrayBody = await register([] as unknown as Record<string, unknown>);
  t.equal(arrayBody.statusCode, 400);
});

t.test('a body over 16 KiB is refused with 413 and stores nothing', async (t) => {
  const token = tokenOf('big');
  const res = await register({ token, deviceType: 'phone', appVersion: '1', padding: 'x'.repeat(17 * 1024) });
  t.equal(res.statusCode, 413);
  t.equal(res.json().error, 'PAYLOAD_TOO_LARGE');
  t.equal(await row(token), undefined);
});

t.test('unknown routes answer 404 JSON', async (t) => {
  const res = await app.inject({ method: 'GET', url: '/no/such/route' });
  t.equal(res.statusCode, 404);
  t.match(res.json(), { error: 'NOT_FOUND', message: String });
});

t.test('admin listing: masked tokens, filters and cursor pagination', async (t) => {
  const user = `lister-${Date.now()}`;
  const mine = Array.from({ length: 5 }, (_, i) => tokenOf(`list-${i}`));
  for (const token of mine) await register({ token, deviceType: 'tv' });
  await app.pg.query('UPDATE push_tokens SET user_id = $1 WHERE token = ANY($2)', [user, mine]);
  await app.pg.query(
    `UPDATE push_tokens SET status = 'disabled', disabled_reason = 'tokenFormatError', disabled_at = now() WHERE token = $1`,
    [mine[4]]
  );
  const list = (query: string) =>
    app.inject({ method: 'GET', url: `/tokens?${query}`, headers: { authorization: `Bearer ${ADMIN_KEY}` } });

  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const res = await list(`userId=${user}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    t.equal(res.statusCode, 200);
    const page = res.json();
    pages += 1;
    for (const item of page.items) {
      t.notOk(mine.includes(item.token), 'listed tokens are masked');
      t.equal(item.userId, user);
      seen.push(item.id);
    }
    cursor = page.nextCursor;
  } while (cursor);
  t.equal(seen.length, 5, 'every token of the user, once');
  t.equal(new Set(seen).size, 5);
  t.equal(pages, 3);
  t.same(seen, [...seen].sort((a, b) => Number(a) - Number(b)), 'in id order');

  const active = (await list(`userId=${user}&status=active`)).json();
  t.equal(active.items.length, 4);
  const disabled = (await list(`userId=${user}&status=disabled`)).json();
  t.equal(disabled.items.length, 1);
  t.match(disabled.items[0], { status: 'disabled', disabledReason: 'tokenFormatError', disabledAt: String });
  const tvs = (await list(`deviceType=tv&userId=${user}`)).json();
  t.equal(tvs.items.length, 5);
  const phones = (await list(`deviceType=phone&userId=${user}`)).json();
  t.equal(phones.items.length, 0);

  const badQuery = await list('limit=0&status=gone&deviceType=fridge&cursor=!!');
  t.equal(badQuery.statusCode, 400);
  t.same(
    badQuery.json().details.map((detail: { path: string }) => detail.path).sort(),
    ['querystring.cursor', 'querystring.deviceType', 'querystring.limit', 'querystring.status']
  );
});

t.test('an admin marks and unmarks a test device by its id, as the console does', async (t) => {
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  const token = tokenOf('by-id');
  await register({ token, deviceType: 'tablet' });
  const { id } = await row(token);
  const mark = (method: 'PUT' | 'DELETE', deviceId: string, headers: Record<string, string> = admin) =>
    app.inject({ method, url: `/tokens/by-id/${deviceId}/test-device`, headers });

  const marked = await mark('PUT', id);
  t.equal(marked.statusCode, 200, marked.body);
  t.match(marked.json(), { id, testDevice: true, deviceType: 'tablet', status: 'active' });
  t.notOk(marked.body.includes(token), 'the answer masks the token');
  const listed = (await app.inject({ method: 'GET', url: `/tokens?tokenSuffix=${token.slice(-8)}`, headers: admin })).json();
  t.same(marked.json(), listed.items[0], 'the token as GET /tokens shows it');
  t.equal((await row(token)).test_device, true);
  t.equal((await mark('PUT', id)).statusCode, 200, 'marking twice is the same');

  const unmarked = await mark('DELETE', id);
  t.equal(unmarked.statusCode, 200);
  t.equal(unmarked.json().testDevice, false);
  t.equal((await row(token)).test_device, false);

  const unknown = await mark('PUT', '999999999');
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json(), { error: 'NOT_FOUND', message: /999999999/ });
  for (const bad of ['abc', '1e3', '-1', '1234567890123456789']) {
    const res = await mark('PUT', bad);
    t.equal(res.statusCode, 400, bad);
    t.same(res.json().details.map((detail: { path: string }) => detail.path), ['params.id'], `${bad}: the id is named`);
  }
  t.equal((await mark('PUT', id, { 'x-app-key': APP_KEY })).statusCode, 403, 'the app key cannot mark');
  t.equal((await mark('PUT', id, { authorization: `Bearer ${APP_KEY}` })).statusCode, 403);
  t.equal((await mark('DELETE', id, {})).statusCode, 401);
  t.equal((await row(token)).test_device, false, 'refused requests change nothing');
});

t.test('a token spelled "by-id" is still marked through its own path', async (t) => {
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  await register({ token: 'by-id', deviceType: 'phone' });
  const res = await app.inject({ method: 'PUT', url: '/tokens/by-id/test-device', headers: admin });
  t.equal(res.statusCode, 200, res.body);
  t.equal(res.json().testDevice, true);
  t.equal((await row('by-id')).test_device, true);
  const removed = await app.inject({ method: 'DELETE', url: '/tokens/by-id', headers: { 'x-app-key': APP_KEY } });
  t.equal(removed.statusCode, 204);
  t.equal(await row('by-id'), undefined);
});
